package ai.hanzo.node.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.app.IamNodeFixture;
import ai.hanzo.node.storage.PeerRecord;
import ai.hanzo.node.storage.RoleBindingRecord;
import ai.hanzo.node.testing.CliRun;
import ai.hanzo.node.testing.NodeGroup;
import ai.hanzo.node.testing.NodeProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * A placing node that restarted with no record of its target still reaches it through the addresses the target's
 * heartbeat names. Three real nodes (process runtime, IAM): C is the hub both others bootstrap to; B (label
 * {@code tier=gold}, a DHT client so no routing table hands out its address) takes placements from A's peer. A
 * places on B, is killed, loses its peer records and comes back on a new port; B has no address of the new A, so
 * nothing connects them. A hears B's heartbeat through C, which names B's p2p addresses; A's status, logs and
 * removal of the deployment reach B by dialing them.
 */
class HeartbeatAddressIT {
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void aRestartedPlacingNodeReachesItsTargetThroughHeartbeatAddresses(@TempDir Path tmp) throws Exception {
    Path dirA = tmp.resolve("a");
    Path dirB = tmp.resolve("b");
    Path dirC = tmp.resolve("c");
    String peerA = NodeIdentity.loadOrCreate(dirA).peerId().toString();
    String peerB = NodeIdentity.loadOrCreate(dirB).peerId().toString();
    String peerC = NodeIdentity.loadOrCreate(dirC).peerId().toString();
    IamNodeFixture.withDatabase(dirB, db -> {
      db.roles().putBinding(new RoleBindingRecord("peer:" + peerA, List.of("operator")));
      return null;
    });
    String keyA = IamNodeFixture.createKey(dirA, "operator", "acme", null);
    String adminA = IamNodeFixture.createKey(dirA, "admin", null);
    String adminB = IamNodeFixture.createKey(dirB, "admin", null);
    String[] common = {"--runtime", "process", "--heartbeat-interval", "1s", "--iam-enabled", "--iam-secret",
        IamNodeFixture.SECRET};
    Path compose = tmp.resolve("gold.yml");
    Files.writeString(compose, """
        name: gold
        services:
          web:
            image: process
            command: ["sh", "-c", "echo placed-on-b; while sleep 1; do :; done"]
        """);

    try (NodeGroup nodes = new NodeGroup(common)) {
      NodeProcess c = nodes.start(dirC, "--node-id", "node-c");
      c.awaitReady(WAIT);
      String bootstrap = "/ip4/127.0.0.1/tcp/" + c.ports().get("p2p") + "/p2p/" + peerC;
      NodeProcess a = nodes.start(dirA, "--node-id", "node-a", "--bootstrap", bootstrap);
      NodeProcess b = nodes.start(dirB, "--node-id", "node-b", "--label", "tier=gold", "--dht-mode", "client",
          "--bootstrap", bootstrap);
      int grpcA = a.awaitReady(WAIT).get("grpc");
      int grpcB = b.awaitReady(WAIT).get("grpc");
      String baseA = "http://127.0.0.1:" + a.ports().get("http");
      await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> NodeGroup.readyNodes(baseA, adminA),
          heard -> heard.contains("node-b"));

      CliRun placed = CliRun.of("deploy", "-f", compose.toString(), "--anywhere", "--constraint", "tier=gold",
          "--endpoint", "127.0.0.1:" + grpcA, "--api-key", keyA);
      assertThat(placed.exit()).as(placed.out()).isZero();
      assertThat(placed.out()).contains("NODE         node-b");
      await().atMost(WAIT).pollInterval(Duration.ofSeconds(1))
          .until(() -> CliRun.of("containers", "--endpoint", "127.0.0.1:" + grpcB, "--api-key", adminB).out(),
              out -> out.contains("gold"));

      // A dies and forgets every peer it met; it comes back on a new p2p port, which B has no way to know.
      nodes.kill(a);
      int forgotten = IamNodeFixture.withDatabase(dirA, db -> {
        List<PeerRecord> all = db.peers().list();
        all.forEach(r -> db.peers().delete(r.peerId()));
        return all.size();
      });
      assertThat(forgotten).as("A had met B and C").isGreaterThanOrEqualTo(2);
      NodeProcess a2 = nodes.start(dirA, "--node-id", "node-a", "--bootstrap", bootstrap);
      int grpcA2 = a2.awaitReady(WAIT).get("grpc");
      String baseA2 = "http://127.0.0.1:" + a2.ports().get("http");
      String endpointA2 = "127.0.0.1:" + grpcA2;
      await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> NodeGroup.readyNodes(baseA2, adminA),
          heard -> heard.contains("node-b"));
      assertThat(connected(baseA2, adminA, peerB)).as("A heard B through C only: no connection between them")
          .isFalse();
      JsonNode heard = peer(baseA2, adminA, peerB);
      System.out.println("HeartbeatAddressIT: A's view of B after the restart: " + heard);

      // Through A, with nothing but B's heartbeat to go by: status, logs and removal reach B.
      JsonNode status = JSON.readTree(ok(get(baseA2, "/v1/deployments/gold", keyA)).body());
      assertThat(status.get("nodeId").asText()).isEqualTo("node-b");
      assertThat(status.get("readyReplicas").asInt()).as(status.toString()).isEqualTo(1);
      assertThat(connected(baseA2, adminA, peerB)).as("A dialed B to ask").isTrue();
      await().atMost(WAIT).pollInterval(Duration.ofSeconds(1))
          .until(() -> CliRun.of("logs", "gold", "--endpoint", endpointA2, "--api-key", keyA).out(),
              out -> out.contains("placed-on-b"));
      CliRun removed = CliRun.of("rm", "gold", "--endpoint", endpointA2, "--api-key", keyA);
      assertThat(removed.exit()).as(removed.out()).isZero();
      await().atMost(WAIT).pollInterval(Duration.ofSeconds(1))
          .until(() -> CliRun.of("containers", "--endpoint", "127.0.0.1:" + grpcB, "--api-key", adminB).out(),
              out -> !out.contains("gold"));
    }
  }

  private boolean connected(String base, String key, String peerId) throws Exception {
    JsonNode p = peer(base, key, peerId);
    return p != null && p.path("connected").asBoolean();
  }

  private JsonNode peer(String base, String key, String peerId) throws Exception {
    JsonNode body = JSON.readTree(ok(get(base, "/v1/peers?all=true", key)).body());
    for (JsonNode p : body.path("peers")) {
      if (p.path("peerId").asText().equals(peerId)) {
        return p;
      }
    }
    return null;
  }

  private HttpResponse<String> ok(HttpRequest request) throws Exception {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(request.uri() + ": " + response.body()).isEqualTo(200);
    return response;
  }

  private static HttpRequest get(String base, String path, String key) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(WAIT).header("x-api-key", key).GET().build();
  }
}
