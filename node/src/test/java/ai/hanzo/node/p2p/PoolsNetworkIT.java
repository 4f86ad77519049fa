package ai.hanzo.node.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.app.IamNodeFixture;
import ai.hanzo.node.testing.CliRun;
import ai.hanzo.node.testing.NodeGroup;
import ai.hanzo.node.testing.NodeProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compute pools over three real node processes with different regions and labels. A is configured with four pools;
 * its pool routes (HTTP, admin gRPC through the CLI) answer from the heartbeats it hears: who is a member, what the
 * ready members have free, which went stale once a member hangs. An unknown pool is 404 / NOT_FOUND, an id no
 * pool could have 400; a viewer reads pools, an anonymous caller does not.
 */
class PoolsNetworkIT {
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void poolsDescribeTheLiveNetwork(@TempDir Path tmp) throws Exception {
    Path dirA = tmp.resolve("a");
    String peerA = NodeIdentity.loadOrCreate(dirA).peerId().toString();
    String viewerA = IamNodeFixture.createKey(dirA, "viewer", null);
    String[] common = {"--runtime", "process", "--heartbeat-interval", "1s", "--iam-enabled", "--iam-secret",
        IamNodeFixture.SECRET};
    try (NodeGroup nodes = new NodeGroup(common)) {
      NodeProcess a = nodes.start(dirA, "--node-id", "node-a", "--region", "us", "--label", "tier=silver",
          "--pool", "eu=region=eu", "--pool", "gold=tier=gold", "--pool", "everyone=runtime=process",
          "--pool", "platinum=tier=platinum");
      int grpcA = a.awaitReady(WAIT).get("grpc");
      String baseA = "http://127.0.0.1:" + a.ports().get("http");
      String bootstrap = "/ip4/127.0.0.1/tcp/" + a.ports().get("p2p") + "/p2p/" + peerA;
      nodes.start(tmp.resolve("b"), "--node-id", "node-b", "--region", "eu", "--zone", "eu-1", "--label",
          "tier=silver", "--bootstrap", bootstrap).awaitReady(WAIT);
      NodeProcess c = nodes.start(tmp.resolve("c"), "--node-id", "node-c", "--region", "eu", "--label",
          "tier=gold", "--bootstrap", bootstrap);
      c.awaitReady(WAIT);
      await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> members(baseA, "everyone", viewerA),
          m -> m.size() == 3);

      // Members by what each node is.
      assertThat(members(baseA, "eu", viewerA)).containsExactly("node-b", "node-c");
      assertThat(members(baseA, "gold", viewerA)).containsExactly("node-c");
      assertThat(members(baseA, "platinum", viewerA)).isEmpty();
      JsonNode pools = JSON.readTree(ok(get(baseA, "/v1/compute/pools", viewerA)).body()).path("pools");
      assertThat(pools).hasSize(4);
      assertThat(pools).extracting(p -> p.path("id").asText()).containsExactly("eu", "gold", "everyone",
          "platinum");
      JsonNode eu = JSON.readTree(ok(get(baseA, "/v1/compute/pools/eu", viewerA)).body());
      assertThat(eu.path("nodes").asInt()).isEqualTo(2);
      assertThat(eu.path("readyNodes").asInt()).isEqualTo(2);
      assertThat(eu.path("state").asText()).isEqualTo("ready");
      assertThat(eu.path("freeMemoryBytes").asLong()).isPositive();
      assertThat(eu.path("selector").path("region").asText()).isEqualTo("eu");
      JsonNode platinum = JSON.readTree(ok(get(baseA, "/v1/compute/pools/platinum", viewerA)).body());
      assertThat(platinum.path("state").asText()).isEqualTo("empty");
      JsonNode b = JSON.readTree(ok(get(baseA, "/v1/compute/pools/eu/nodes", viewerA)).body()).path("nodes").get(0);
      assertThat(b.path("nodeId").asText()).isEqualTo("node-b");
      assertThat(b.path("zone").asText()).isEqualTo("eu-1");
      assertThat(b.path("labels").path("tier").asText()).isEqualTo("silver");
      assertThat(b.path("state").asText()).isEqualTo("READY");
      assertThat(b.path("stale").asBoolean()).isFalse();

      // The same through the admin gRPC API, as the CLI prints it.
      String endpointA = "127.0.0.1:" + grpcA;
      CliRun ls = CliRun.of("pools", "ls", "--endpoint", endpointA, "--api-key", viewerA);
      assertThat(ls.exit()).as(ls.out()).isZero();
      assertThat(ls.out().lines().filter(l -> l.startsWith("eu ")).findFirst().orElseThrow())
          .contains("ready").contains("region=eu");
      CliRun shown = CliRun.of("pools", "show", "gold", "--endpoint", endpointA, "--api-key", viewerA);
      assertThat(shown.out()).contains("1 (1 ready, 0 stale)");
      CliRun listed = CliRun.of("pools", "nodes", "eu", "--endpoint", endpointA, "--api-key", viewerA, "-o",
          "json");
      assertThat(listed.exit()).as(listed.out()).isZero();
      assertThat(JSON.readTree(listed.out()).path("nodes")).extracting(n -> n.path("nodeId").asText())
          .containsExactly("node-b", "node-c");

      // Unknown and impossible pools, a caller without pool:read.
      HttpResponse<String> unknown = send(get(baseA, "/v1/compute/pools/mars", viewerA));
      assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
      assertThat(JSON.readTree(unknown.body()).path("code").asText()).isEqualTo("NOT_FOUND");
      assertThat(send(get(baseA, "/v1/compute/pools/mars/nodes", viewerA)).statusCode()).isEqualTo(404);
      assertThat(send(get(baseA, "/v1/compute/pools/a%20b", viewerA)).statusCode()).isEqualTo(400);
      CliRun missing = CliRun.of("pools", "show", "mars", "--endpoint", endpointA, "--api-key", viewerA);
      assertThat(missing.exit()).isEqualTo(1);
      assertThat(missing.out()).contains("pool 'mars' not found").contains("NOT_FOUND");
      assertThat(send(HttpRequest.newBuilder(URI.create(baseA + "/v1/compute/pools")).timeout(WAIT).GET()
          .build()).statusCode()).isIn(401, 403);

      // C hangs (SIGSTOP: its connections stay open, so A keeps its last heartbeat rather than forgetting a
      // disconnected peer): it stays a member of its pools, marked stale, and its capacity no longer counts.
      signal(c, "STOP");
      await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
        JsonNode gold = JSON.readTree(ok(get(baseA, "/v1/compute/pools/gold", viewerA)).body());
        assertThat(gold.path("nodes").asInt()).isEqualTo(1);
        assertThat(gold.path("staleNodes").asInt()).isEqualTo(1);
        assertThat(gold.path("readyNodes").asInt()).isZero();
        assertThat(gold.path("freeMemoryBytes").asLong()).isZero();
        assertThat(gold.path("state").asText()).isEqualTo("degraded");
      });
      JsonNode goneC = JSON.readTree(ok(get(baseA, "/v1/compute/pools/gold/nodes", viewerA)).body())
          .path("nodes").get(0);
      assertThat(goneC.path("stale").asBoolean()).isTrue();
      assertThat(goneC.path("heartbeatAgeMs").asLong()).isGreaterThan(3000);
      signal(c, "CONT");
      await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> JSON.readTree(ok(get(baseA,
          "/v1/compute/pools/gold", viewerA)).body()).path("readyNodes").asInt(), n -> n == 1);
      nodes.terminateAll(Duration.ofSeconds(30));
    }
  }

  private static void signal(NodeProcess node, String signal) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(node.process().pid())).inheritIO().start();
    assertThat(kill.waitFor()).isZero();
  }

  private List<String> members(String base, String pool, String key) throws Exception {
    List<String> ids = new ArrayList<>();
    for (JsonNode n : JSON.readTree(ok(get(base, "/v1/compute/pools/" + pool + "/nodes", key)).body())
        .path("nodes")) {
      ids.add(n.path("nodeId").asText());
    }
    return ids;
  }

  private HttpResponse<String> ok(HttpRequest request) throws Exception {
    HttpResponse<String> response = send(request);
    assertThat(response.statusCode()).as(request.uri() + ": " + response.body()).isEqualTo(200);
    return response;
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest get(String base, String path, String key) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(WAIT).header("x-api-key", key).GET().build();
  }
}
