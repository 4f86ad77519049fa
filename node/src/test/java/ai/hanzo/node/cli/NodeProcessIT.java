package ai.hanzo.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.testing.NodeProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real binary: starts on port 0, becomes ready, and shuts down cleanly on SIGTERM. */
class NodeProcessIT {
  @Test
  void startsBecomesReadyAndStopsCleanlyOnSigterm(@TempDir Path tmp) throws Exception {
    Path dataDir = tmp.resolve("data");
    try (NodeProcess node = NodeProcess.start(dataDir)) {
      Map<String, Integer> ports = node.awaitReady(Duration.ofSeconds(60));
      assertThat(ports.get("grpc")).isPositive();
      assertThat(ports.get("http")).isPositive().isNotEqualTo(ports.get("grpc"));

      int exit = node.terminate(Duration.ofSeconds(30));

      assertThat(exit).as(node.output()).isZero();
      assertThat(node.output()).contains("Received SIGTERM").contains("hanzo-node stopped cleanly")
          .doesNotContain("ERROR").doesNotContain("Exception");
      // A clean start and stop warns about nothing (e.g. no meter registered twice by the two servers).
      assertThat(node.output().lines().filter(l -> l.contains(" WARN ") && !l.contains("Received SIG")))
          .as(node.output()).isEmpty();
      assertThat(Files.exists(dataDir.resolve("ports.json"))).as("ports.json removed on clean stop").isFalse();
    }
  }

  @Test
  void portAlreadyInUseFailsTheStartWithExitCodeOne(@TempDir Path tmp) throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
        java.net.InetAddress.getLoopbackAddress())) {
      try (NodeProcess node = NodeProcess.start(tmp.resolve("data"),
          "--http-addr", "127.0.0.1:" + taken.getLocalPort())) {
        assertThat(node.process().waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(node.process().exitValue()).isEqualTo(1);
        assertThat(node.output()).contains("failed to start");
      }
    }
  }

  @Test
  void secondNodeOnTheSameDataDirectoryIsRefused(@TempDir Path tmp) throws Exception {
    Path dataDir = tmp.resolve("data");
    try (NodeProcess first = NodeProcess.start(dataDir)) {
      first.awaitReady(Duration.ofSeconds(60));
      try (NodeProcess second = NodeProcess.start(dataDir)) {
        assertThat(second.process().waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        // An unusable data directory is a usage error (README: LOCK), refused before anything opens.
        assertThat(second.process().exitValue()).as(second.output()).isEqualTo(2);
        assertThat(second.output()).contains("another node uses").contains(dataDir.toString())
            .contains(Long.toString(first.process().pid()));
      }
      assertThat(first.readinessStatus()).as("the first node keeps serving").isEqualTo(200);
    }
  }

  @Test
  void nodeIdAndDataSurviveSigkillAndRestart(@TempDir Path tmp) throws Exception {
    Path dataDir = tmp.resolve("data");
    String firstId;
    try (NodeProcess node = NodeProcess.start(dataDir)) {
      node.awaitReady(Duration.ofSeconds(60));
      firstId = nodeId(node.output());
      node.kill();
    }
    try (NodeProcess node = NodeProcess.start(dataDir)) {
      node.awaitReady(Duration.ofSeconds(60));
      assertThat(nodeId(node.output())).isEqualTo(firstId);
      assertThat(node.terminate(Duration.ofSeconds(30))).isZero();
    }
  }

  private static String nodeId(String output) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("Node id (\\S+)").matcher(output);
    assertThat(m.find()).as(output).isTrue();
    return m.group(1);
  }

  @Test
  void secondSignalForcesExitWhileShutdownWaitsForACall(@TempDir Path tmp) throws Exception {
    try (NodeProcess node = NodeProcess.start(tmp.resolve("data"), "--shutdown-grace", "120s")) {
      int http = node.awaitReady(Duration.ofSeconds(60)).get("http");
      // An open event stream is an in-flight call: graceful shutdown waits for it up to the grace period.
      var stream = java.net.http.HttpClient.newHttpClient().sendAsync(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + http + "/v1/events"))
              .build(),
          java.net.http.HttpResponse.BodyHandlers.ofInputStream());
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(stream::isDone);

      node.process().destroy();
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
          .until(() -> node.output().contains("Received SIGTERM"));
      assertThat(node.process().isAlive()).as("still draining the open call").isTrue();
      node.process().destroy();

      assertThat(node.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(node.process().exitValue()).isEqualTo(130);
      assertThat(node.output()).contains("forcing exit");
    }
  }
}
