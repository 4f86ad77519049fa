package ai.hanzo.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.runtime.image.LoopbackRegistry;
import ai.hanzo.node.runtime.image.TestArchives;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hanzo-node images} on a data directory: load, pull from a loopback registry, ls, rm, and bad input. */
class ImagesCommandIT {
  @TempDir
  Path dir;

  /** Deleted here, not by JUnit, which warns about every absolute symlink of the unpacked busybox. */
  @AfterEach
  void deleteUnpackedImages() {
    ai.hanzo.node.runtime.host.ContainerDirectories.deleteTree(dir);
  }

  @Test
  void loadPullListAndRemove() throws Exception {
    try (LoopbackRegistry registry = LoopbackRegistry.start(false)) {
      String pushed = registry.push(TestArchives.greeterDockerArchive(dir, "greeter:1"), "greeter:7");
      Path archive = TestArchives.greeterDockerArchive(dir, "local/greeter:2");
      Map<String, String> env = Map.of("HANZO_DATA_DIR", dir.resolve("data").toString(),
          "HANZO_INSECURE_REGISTRIES", registry.address());

      CliHarness load = new CliHarness();
      assertThat(load.run(env, "images", "load", archive.toString())).as(load.err()).isZero();
      assertThat(load.out()).contains("loaded local/greeter:2");

      CliHarness pull = new CliHarness();
      assertThat(pull.run(env, "images", "pull", pushed)).as(pull.err()).isZero();
      assertThat(pull.out()).contains("pulled " + pushed).contains("sha256:");

      CliHarness ls = new CliHarness();
      assertThat(ls.run(env, "images", "ls")).isZero();
      assertThat(ls.out()).contains("local/greeter:2").contains(pushed);

      CliHarness rm = new CliHarness();
      assertThat(rm.run(env, "images", "rm", "local/greeter:2", pushed)).as(rm.err()).isZero();
      CliHarness empty = new CliHarness();
      assertThat(empty.run(env, "images", "ls")).isZero();
      assertThat(empty.out()).doesNotContain("greeter");
    }
  }

  @Test
  void badInputIsExitCodeTwoWithOneLine() {
    Map<String, String> env = Map.of("HANZO_DATA_DIR", dir.resolve("data").toString());
    CliHarness bad = new CliHarness();
    assertThat(bad.run(env, "images", "pull", "Busybox:")).isEqualTo(2);
    assertThat(bad.err().strip()).contains("is not valid").doesNotContain("\n");

    CliHarness badFlag = new CliHarness();
    assertThat(badFlag.run(env, "images", "pull", "--insecure-registry", "not a host", "x")).isEqualTo(2);
    assertThat(badFlag.err()).contains("--insecure-registry");

    CliHarness missing = new CliHarness();
    assertThat(missing.run(env, "images", "rm", "never-pulled:1")).isEqualTo(1);
    assertThat(missing.err()).contains("no image named 'never-pulled:1'");
  }
}
