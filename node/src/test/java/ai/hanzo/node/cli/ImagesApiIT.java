package ai.hanzo.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.runtime.host.ContainerDirectories;
import ai.hanzo.node.runtime.image.LoopbackRegistry;
import ai.hanzo.node.runtime.image.TestArchives;
import ai.hanzo.node.testing.NodeProcess;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.MediaType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hanzo-node images} and the HTTP mirror against a running runc node pulling from a loopback registry. */
class ImagesApiIT {
  private static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir
  Path tmp;

  /** Deleted here, not by JUnit, which warns about every absolute symlink of the unpacked busybox. */
  @AfterEach
  void deleteUnpackedImages() {
    ContainerDirectories.deleteTree(tmp);
  }

  @Test
  void imagesArePulledListedAndRemovedWhileTheNodeRuns() throws Exception {
    try (LoopbackRegistry registry = LoopbackRegistry.start(false)) {
      String first = registry.push(TestArchives.greeterDockerArchive(tmp, "greeter:1"), "greeter:1");
      String second = registry.push(TestArchives.greeterDockerArchive(tmp, "greeter:2"), "other/greeter:2");
      Path dataDir = tmp.resolve("data");
      try (NodeProcess node = NodeProcess.start(dataDir, "--runtime", "runc", "--insecure-registry",
          registry.address())) {
        Map<String, Integer> ports = node.awaitReady(WAIT);
        Map<String, String> env = Map.of("HANZO_DATA_DIR", dataDir.toString(), "HANZO_ENDPOINT",
            "127.0.0.1:" + ports.get("grpc"));

        CliHarness pull = new CliHarness();
        assertThat(pull.run(env, "images", "pull", first)).as(pull.err()).isZero();
        assertThat(pull.out()).contains("pulled " + first).contains("sha256:");

        WebClient http = WebClient.of("http://127.0.0.1:" + ports.get("http"));
        AggregatedHttpResponse pulled = post(http, "/v1/images/pull", "{\"name\":\"" + second + "\"}");
        assertThat(pulled.status().code()).as(pulled.contentUtf8()).isEqualTo(200);
        assertThat(pulled.contentUtf8()).contains(second).contains("sha256:");

        CliHarness ls = new CliHarness();
        assertThat(ls.run(env, "images", "ls")).as(ls.err()).isZero();
        assertThat(ls.out()).contains(first).contains(second);
        assertThat(http.get("/v1/images").aggregate().join().contentUtf8()).contains(first).contains(second);

        CliHarness rm = new CliHarness();
        assertThat(rm.run(env, "images", "rm", first)).as(rm.err()).isZero();
        AggregatedHttpResponse removed = post(http, "/v1/images/remove", "{\"name\":\"" + second + "\"}");
        assertThat(removed.status().code()).as(removed.contentUtf8()).isEqualTo(200);
        CliHarness empty = new CliHarness();
        assertThat(empty.run(env, "images", "ls")).isZero();
        assertThat(empty.out()).doesNotContain("greeter");

        CliHarness missing = new CliHarness();
        assertThat(missing.run(env, "images", "rm", "never-pulled:1")).isEqualTo(1);
        assertThat(missing.err()).contains("no image named 'never-pulled:1'");
        CliHarness load = new CliHarness();
        assertThat(load.run(env, "images", "load", tmp.resolve("any.tar").toString())).isEqualTo(1);
        assertThat(load.err()).contains("stop the node");
        AggregatedHttpResponse empty400 = post(http, "/v1/images/pull", "{}");
        assertThat(empty400.status().code()).isEqualTo(400);
        assertThat(empty400.contentUtf8()).contains("name is required");

        assertThat(node.terminate(WAIT)).as(node.output()).isZero();
      }
    }
  }

  private static AggregatedHttpResponse post(WebClient http, String path, String json) {
    return http.execute(HttpRequest.of(HttpMethod.POST, path, MediaType.JSON_UTF_8, json)).aggregate().join();
  }
}
