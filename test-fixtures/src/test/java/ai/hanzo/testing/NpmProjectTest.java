package ai.hanzo.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installs made up front ({@code .ci/npm-install.sh}, {@code HANZO_NPM_PREINSTALLED}): the script and the
 * fixture name each project's install by the same key, a copy links the matching install instead of running npm,
 * and a project with no matching install is a clear error, never a download. Runs no npm.
 */
class NpmProjectTest {
  @Test
  void theInstallScriptAndTheFixtureNameEveryProjectOfTheRepositoryByTheSameKey() throws Exception {
    Path repo = NpmProject.nearest(".ci", "npm-install.sh", Path.of("").toAbsolutePath()).orElseThrow().getParent();
    Process keys = new ProcessBuilder("bash", repo.resolve(".ci/npm-install.sh").toString(), "--keys")
        .redirectErrorStream(true).start();
    String out = new String(keys.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(keys.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(keys.exitValue()).as(out).isZero();
    Map<String, String> byProject = new LinkedHashMap<>();
    out.lines().map(line -> line.split(" ")).forEach(p -> byProject.put(p[0], p[1]));
    assertThat(byProject).as(out).containsKeys("contracts", "interop/js-peer", "interop/openai-client",
        "interop/llama-crosscheck");
    for (Map.Entry<String, String> project : byProject.entrySet()) {
      assertThat(NpmProject.installKey(repo.resolve(project.getKey()))).as(project.getKey())
          .isEqualTo(project.getValue());
    }
  }

  @Test
  void aCopyLinksTheInstallMadeUpFrontForItsLockFile(@TempDir Path tmp) throws Exception {
    Path source = project(tmp.resolve("src"), "{\"lockfileVersion\": 3}");
    Path install = tmp.resolve("pre").resolve(NpmProject.installKey(source));
    Files.createDirectories(install.resolve("node_modules/left-pad"));
    Files.writeString(install.resolve("node_modules/left-pad/index.js"), "module.exports = 1;\n");
    Files.createFile(install.resolve(".installed"));

    Path copy = NpmProject.of(Optional.of(source), "a test project").installed(Optional.of(tmp.resolve("pre")));
    try {
      assertThat(copy).isNotEqualTo(source);
      assertThat(copy.resolve("index.mjs")).hasContent("export {};");
      assertThat(Files.isSymbolicLink(copy.resolve("node_modules"))).isTrue();
      assertThat(copy.resolve("node_modules/left-pad/index.js").toRealPath())
          .isEqualTo(install.resolve("node_modules/left-pad/index.js").toRealPath());
      assertThat(copy.resolve("npm-ci.log")).as("npm did not run").doesNotExist();
    } finally {
      deleteCopy(copy);
    }
  }

  /** The copy's files and its link, never what the link points to (the walk does not follow links). */
  private static void deleteCopy(Path copy) throws IOException {
    try (Stream<Path> files = Files.walk(copy)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }

  @Test
  void aLockFileChangedSinceTheInstallIsAnErrorNamingTheStepToRunAgain(@TempDir Path tmp) throws IOException {
    Path source = project(tmp.resolve("src"), "{\"lockfileVersion\": 3}");
    Path stale = tmp.resolve("pre").resolve(NpmProject.installKey(source));
    Files.createDirectories(stale.resolve("node_modules"));
    Files.createFile(stale.resolve(".installed"));
    Files.writeString(source.resolve("package-lock.json"), "{\"lockfileVersion\": 3, \"changed\": true}");

    assertThatThrownBy(() -> NpmProject.of(Optional.of(source), "a test project")
        .installed(Optional.of(tmp.resolve("pre"))))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("HANZO_NPM_PREINSTALLED=" + tmp.resolve("pre"))
        .hasMessageContaining("a test project")
        .hasMessageContaining("run .ci/npm-install.sh");
  }

  @Test
  void anInstallWithoutItsCompletionMarkIsNotTaken(@TempDir Path tmp) throws IOException {
    Path source = project(tmp.resolve("src"), "{}");
    Files.createDirectories(tmp.resolve("pre").resolve(NpmProject.installKey(source)).resolve("node_modules"));

    assertThatThrownBy(() -> NpmProject.of(Optional.of(source), "a test project")
        .installed(Optional.of(tmp.resolve("pre"))))
        .isInstanceOf(IOException.class).hasMessageContaining("holds no install of " + source);
  }

  @Test
  void theKeyCoversTheNpmrcWhenThereIsOne(@TempDir Path tmp) throws IOException {
    Path source = project(tmp.resolve("src"), "{}");
    String without = NpmProject.installKey(source);
    Files.writeString(source.resolve(".npmrc"), "omit=optional\n");
    assertThat(NpmProject.installKey(source)).isNotEqualTo(without).hasSize(64);
  }

  private static Path project(Path dir, String lock) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("package.json"), "{\"name\": \"t\", \"private\": true}");
    Files.writeString(dir.resolve("package-lock.json"), lock);
    Files.writeString(dir.resolve("index.mjs"), "export {};");
    return dir;
  }
}
