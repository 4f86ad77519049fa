package ai.hanzo.node.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.app.IamNodeFixture;
import ai.hanzo.node.storage.RoleBindingRecord;
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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Allocation over three real node processes (process runtime, IAM on). B takes holds from A's peer, not from C's.
 * A allocates on B: the hold lives on B and B's heartbeat carries it, so C sees B's free memory drop; a second
 * allocation that no longer fits is 422 naming every node and why; another org sees nothing (404); a deployment
 * asking for more than the allocation holds is refused naming both; a deployment into the allocation lands on B and
 * uses it; a 10 s allocation expires and B's capacity comes back; C, whose peer B
 * binds to no role, is refused.
 */
class AllocationNetworkIT {
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void anAllocationHoldsCapacityOnTheChosenNodeUntilUsedOrExpired(@TempDir Path tmp) throws Exception {
    Path dirA = tmp.resolve("a");
    Path dirB = tmp.resolve("b");
    Path dirC = tmp.resolve("c");
    String peerA = NodeIdentity.loadOrCreate(dirA).peerId().toString();
    NodeIdentity.loadOrCreate(dirB);
    NodeIdentity.loadOrCreate(dirC);
    IamNodeFixture.withDatabase(dirB, db -> {
      db.roles().putBinding(new RoleBindingRecord("peer:" + peerA, List.of("operator")));
      return null;
    });
    String acmeA = IamNodeFixture.createKey(dirA, "operator", "acme", null);
    String globexA = IamNodeFixture.createKey(dirA, "operator", "globex", null);
    String operatorC = IamNodeFixture.createKey(dirC, "operator", "acme", null);
    String viewerC = IamNodeFixture.createKey(dirC, "viewer", null);
    String adminB = IamNodeFixture.createKey(dirB, "admin", null);
    String[] common = {"--runtime", "process", "--heartbeat-interval", "1s", "--iam-enabled", "--iam-secret",
        IamNodeFixture.SECRET, "--pool", "all=runtime=process"};
    try (NodeGroup nodes = new NodeGroup(common)) {
      NodeProcess a = nodes.start(dirA, "--node-id", "node-a");
      a.awaitReady(WAIT);
      String baseA = "http://127.0.0.1:" + a.ports().get("http");
      String bootstrap = "/ip4/127.0.0.1/tcp/" + a.ports().get("p2p") + "/p2p/" + peerA;
      NodeProcess b = nodes.start(dirB, "--node-id", "node-b", "--bootstrap", bootstrap);
      NodeProcess c = nodes.start(dirC, "--node-id", "node-c", "--bootstrap", bootstrap);
      b.awaitReady(WAIT);
      c.awaitReady(WAIT);
      String baseB = "http://127.0.0.1:" + b.ports().get("http");
      String baseC = "http://127.0.0.1:" + c.ports().get("http");
      await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> freeMemory(baseA, "node-b", acmeA) > 0
          && freeMemory(baseC, "node-b", viewerC) > 0 && freeMemory(baseC, "node-a", viewerC) > 0);
      long freeB = freeMemory(baseC, "node-b", viewerC);
      long held = freeB / 10 * 6;

      // A allocates on B; C hears B's heartbeat without that memory.
      HttpResponse<String> made = post(baseA, "/v1/compute/allocate", acmeA, "{\"constraints\": {\"node_id\":"
          + " \"node-b\"}, \"resources\": {\"memory\": \"" + (held >> 20) + "M\"}, \"ttl_seconds\": 600}");
      assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
      JsonNode allocation = JSON.readTree(made.body());
      String id = allocation.path("id").asText();
      assertThat(id).startsWith("alloc-");
      assertThat(allocation.path("nodes").get(0).path("nodeId").asText()).isEqualTo("node-b");
      assertThat(allocation.path("expiresAt").asText()).isNotEmpty();
      await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> freeMemory(baseC, "node-b", viewerC),
          free -> free <= freeB - held + (64L << 20) && free >= freeB - held - (256L << 20));

      // The same again no longer fits B: 422, every node named with its reason.
      HttpResponse<String> second = post(baseA, "/v1/compute/allocate", acmeA, "{\"constraints\": {\"node_id\":"
          + " \"node-b\"}, \"resources\": {\"memory\": \"" + (held >> 20) + "M\"}}");
      assertThat(second.statusCode()).as(second.body()).isEqualTo(422);
      assertThat(second.body()).contains("RESOURCE_EXHAUSTED").contains("node-b").contains("memory")
          .contains("node-a (this node)").contains("node-c");

      // Another org neither sees nor releases it; bad input is 400, an unknown pool 404.
      assertThat(send(get(baseA, "/v1/compute/allocations/" + id, globexA)).statusCode()).isEqualTo(404);
      assertThat(send(delete(baseA, "/v1/compute/allocations/" + id, globexA)).statusCode()).isEqualTo(404);
      assertThat(JSON.readTree(ok(get(baseA, "/v1/compute/allocations", globexA)).body()).path("allocations"))
          .isEmpty();
      assertThat(post(baseA, "/v1/compute/allocate", acmeA, "{\"ttl_seconds\": 5}").statusCode()).isEqualTo(400);
      assertThat(post(baseA, "/v1/compute/allocate", acmeA, "{\"count\": 65}").statusCode()).isEqualTo(400);
      assertThat(post(baseA, "/v1/compute/allocate", acmeA, "{\"pool\": \"nope\"}").statusCode()).isEqualTo(404);

      // A deployment asking for more than the allocation holds is refused with what it asked and what is held, and
      // leaves the allocation unused.
      HttpResponse<String> overAsk = post(baseA, "/v1/deployments", acmeA, "{\"deployment_id\": \"greedy\","
          + " \"spec\": {\"services\": {\"app\": {\"image\": \"process\", \"command\": [\"sleep\", \"300\"],"
          + " \"deploy\": {\"resources\": {\"reservations\": {\"memory\": \"" + 2 * (held >> 20) + "M\"}}}}}},"
          + " \"placement\": {\"allocation_id\": \"" + id + "\"}}");
      assertThat(overAsk.statusCode()).as(overAsk.body()).isBetween(400, 499);
      assertThat(overAsk.body()).contains("FAILED_PRECONDITION").contains("node-b")
          .contains("asks for more than allocation '" + id + "' reserved").contains("MiB (reserved");
      assertThat(JSON.readTree(ok(get(baseA, "/v1/compute/allocations/" + id, acmeA)).body()).path("state")
          .asText()).isNotEqualTo("used");

      // A deployment into the allocation lands on B and uses it.
      HttpResponse<String> deployed = post(baseA, "/v1/deployments", acmeA, "{\"deployment_id\": \"inside\","
          + " \"spec\": {\"services\": {\"app\": {\"image\": \"process\", \"command\": [\"sleep\", \"300\"],"
          + " \"deploy\": {\"resources\": {\"reservations\": {\"memory\": \"16M\"}}}}}},"
          + " \"placement\": {\"allocation_id\": \"" + id + "\"}}");
      assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(201);
      assertThat(deployed.body()).contains("node-b");
      JsonNode used = JSON.readTree(ok(get(baseA, "/v1/compute/allocations/" + id, acmeA)).body());
      assertThat(used.path("state").asText()).isEqualTo("used");
      assertThat(used.path("nodes").get(0).path("usedBy").asText()).isEqualTo("inside");
      await().atMost(WAIT).pollInterval(Duration.ofSeconds(1))
          .until(() -> send(get(baseB, "/v1/deployments/inside", adminB)).statusCode() == 200);
      assertThat(ok(delete(baseA, "/v1/deployments/inside", acmeA)).statusCode()).isEqualTo(200);

      // A short allocation expires on its own: B's memory comes back.
      long before = freeMemory(baseC, "node-b", viewerC);
      HttpResponse<String> brief = post(baseA, "/v1/compute/allocate", acmeA, "{\"constraints\": {\"node_id\":"
          + " \"node-b\"}, \"resources\": {\"memory\": \"" + (held >> 21) + "M\"}, \"ttl_seconds\": 10}");
      assertThat(brief.statusCode()).as(brief.body()).isEqualTo(201);
      await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> freeMemory(baseC, "node-b", viewerC),
          free -> free < before - held / 4);
      await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> freeMemory(baseC, "node-b", viewerC),
          free -> free > before - held / 4);

      // A hold survives B's kill -9 and restart: B advertises it again, and A's release gives it back.
      HttpResponse<String> lasting = post(baseA, "/v1/compute/allocate", acmeA, "{\"constraints\": {\"node_id\":"
          + " \"node-b\"}, \"resources\": {\"memory\": \"" + (held >> 20) + "M\"}}");
      assertThat(lasting.statusCode()).as(lasting.body()).isEqualTo(201);
      String lastingId = JSON.readTree(lasting.body()).path("id").asText();
      nodes.kill(b);
      NodeProcess b2 = nodes.start(dirB, "--node-id", "node-b", "--bootstrap", bootstrap);
      b2.awaitReady(WAIT);
      String baseB2 = "http://127.0.0.1:" + b2.ports().get("http");
      assertThat(freeMemory(baseB2, "node-b", adminB)).as("B's own view after its restart")
          .isLessThan(freeB - held / 2);
      // Once B heard A again (they are connected), A's release reaches B.
      await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> freeMemory(baseB2, "node-a", adminB) > 0);
      HttpResponse<String> released = send(delete(baseA, "/v1/compute/allocations/" + lastingId, acmeA));
      assertThat(released.statusCode()).as(released.body()).isEqualTo(200);
      assertThat(released.body()).contains("released on every node");
      assertThat(freeMemory(baseB2, "node-b", adminB)).isGreaterThan(freeB - held / 2);

      // C's peer has no binding on B: B refuses and C's caller hears why.
      HttpResponse<String> fromC = post(baseC, "/v1/compute/allocate", operatorC, "{\"constraints\":"
          + " {\"node_id\": \"node-b\"}, \"resources\": {\"memory\": \"1M\"}}");
      assertThat(fromC.statusCode()).as(fromC.body()).isEqualTo(403);
      assertThat(fromC.body()).contains("node-b").contains("lacks deployment:create");
    }
  }

  private long freeMemory(String base, String nodeId, String key) throws Exception {
    HttpResponse<String> r = send(get(base, "/v1/compute/pools/all/nodes", key));
    if (r.statusCode() != 200) {
      return -1;
    }
    for (JsonNode n : JSON.readTree(r.body()).path("nodes")) {
      if (n.path("nodeId").asText().equals(nodeId) && "READY".equals(n.path("state").asText())) {
        return n.path("freeMemoryBytes").asLong();
      }
    }
    return -1;
  }

  private HttpResponse<String> ok(HttpRequest request) throws Exception {
    HttpResponse<String> response = send(request);
    assertThat(response.statusCode()).as(request.uri() + ": " + response.body()).isEqualTo(200);
    return response;
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String base, String path, String key, String body) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(WAIT).header("x-api-key", key)
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  private static HttpRequest get(String base, String path, String key) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(WAIT).header("x-api-key", key).GET().build();
  }

  private static HttpRequest delete(String base, String path, String key) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(WAIT).header("x-api-key", key).DELETE().build();
  }
}
