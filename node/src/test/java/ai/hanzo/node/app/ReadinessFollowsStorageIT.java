package ai.hanzo.node.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.config.ApiConfig;
import ai.hanzo.node.config.HostPort;
import ai.hanzo.node.config.IamConfig;
import ai.hanzo.node.config.LogFormat;
import ai.hanzo.node.config.LogLevel;
import ai.hanzo.node.config.LoggingConfig;
import ai.hanzo.node.config.NodeConfig;
import ai.hanzo.node.config.NodeVersion;
import ai.hanzo.node.config.P2pConfig;
import ai.hanzo.node.config.RuntimeConfig;
import ai.hanzo.node.config.StorageConfig;
import ai.hanzo.node.runtime.TestContainers;
import ai.hanzo.node.runtime.host.HostRuntimeConfig;
import ai.hanzo.node.runtime.process.ProcessRuntime;
import ai.hanzo.node.testing.SmallVolume;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /readiness} follows the storage: a real node on a small tmpfs answers 200, then 503 naming the storage once
 * a write finds its disk full, and 200 again once space is freed and its writes (host metrics, every second)
 * succeed again.
 */
class ReadinessFollowsStorageIT {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void aFullDiskMakesTheNodeNotReadyUntilSpaceIsFreed(@TempDir Path tmp) throws Exception {
    SmallVolume small = SmallVolume.mountOrSkip(tmp.resolve("volume"), 64);
    Path volume = small.path();
    NodeApp node = null;
    try {
      node = new NodeApp(new NodeConfig("ready-node", volume.resolve("data"), "1337", "", false,
          new ApiConfig(new HostPort("127.0.0.1", 0), new HostPort("127.0.0.1", 0), Duration.ofSeconds(1)),
          P2pConfig.of("/ip4/127.0.0.1/tcp/0", List.of()), new StorageConfig(Duration.ofHours(1)),
          new LoggingConfig(LogLevel.WARN, LogFormat.TEXT, false), IamConfig.disabled(),
          new RuntimeConfig("process", "")), new NodeVersion("1.2.3", "abc"));
      node.start();
      String readiness = "http://127.0.0.1:" + node.boundPorts().get("http") + "/readiness";
      assertThat(get(readiness).statusCode()).isEqualTo(200);

      Path filler = small.fill("filler");
      // Deploy stores its spec (synced) before it answers: a 2 MiB spec, changed each time, soon finds the disk full.
      String deployments = "http://127.0.0.1:" + node.boundPorts().get("http") + "/v1/deployments";
      int[] attempt = {0};
      HttpResponse<String> refused = await().atMost(WAIT).until(() -> post(deployments, bigSpec(attempt[0]++)),
          r -> r.statusCode() != 201 && r.statusCode() != 200);
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(507);
      assertThat(refused.body()).contains("disk is full");
      HttpResponse<String> notReady = get(readiness);
      assertThat(notReady.statusCode()).isEqualTo(503);
      assertThat(notReady.body()).contains("storage is DEGRADED").contains("disk full");

      Files.delete(filler);
      await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> get(readiness).statusCode() == 200);
    } finally {
      if (node != null) {
        node.stop();
      }
      Path dataDir = volume.resolve("data");
      if (Files.isDirectory(dataDir)) {
        try (ProcessRuntime runtime = new ProcessRuntime(HostRuntimeConfig.of(dataDir.resolve("runtime"), dataDir))) {
          TestContainers.removeAll(runtime);
        }
      }
      small.close();
    }
  }

  /** One replica of {@code sleep}, with 20 environment values of 100 KiB and one that differs per attempt. */
  private static String bigSpec(int attempt) {
    StringBuilder env = new StringBuilder("\"ATTEMPT\": \"" + attempt + "\"");
    String value = "x".repeat(100 * 1024);
    for (int i = 0; i < 20; i++) {
      env.append(", \"BIG").append(i).append("\": \"").append(value).append('"');
    }
    return "{\"deployment_id\": \"fill\", \"environment\": {" + env + "}, \"spec\": {\"services\": {\"app\": "
        + "{\"image\": \"process\", \"command\": [\"sleep\", \"300\"]}}}}";
  }

  private static HttpResponse<String> post(String uri, String json) throws IOException, InterruptedException {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(uri))
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String uri) throws IOException, InterruptedException {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(5))
        .build(), HttpResponse.BodyHandlers.ofString());
  }
}
