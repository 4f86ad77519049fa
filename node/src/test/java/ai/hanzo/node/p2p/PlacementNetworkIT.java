package ai.hanzo.node.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.app.IamNodeFixture;
import ai.hanzo.node.storage.AuditEntry;
import ai.hanzo.node.storage.RoleBindingRecord;
import ai.hanzo.node.testing.CliRun;
import ai.hanzo.node.testing.NodeGroup;
import ai.hanzo.node.testing.NodeProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deploy anywhere, with three real node processes on loopback running the process runtime and IAM. Only C carries
 * the label {@code tier=gold}. A deploy with {@code --anywhere --constraint tier=gold} asked of A runs on C (C's own
 * {@code ps} shows it, A's lists it with NODE node-c and C's status); a constraint nobody meets fails within 10 s
 * with RESOURCE_EXHAUSTED naming each node and why (CLI and HTTP alike); B, whose peer C binds to no role, is
 * refused by C. Both ends audit: A records {@code p2p:place}, C {@code p2p:deploy} with A's caller and org, and the
 * refusal of B's peer. The deployment is removed through A at the end (its replica would outlive the nodes).
 */
class PlacementNetworkIT {
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void aDeploymentLandsOnTheOnlyNodeThatMeetsItsConstraint(@TempDir Path tmp) throws Exception {
    Path dirA = tmp.resolve("a");
    Path dirB = tmp.resolve("b");
    Path dirC = tmp.resolve("c");
    String peerA = NodeIdentity.loadOrCreate(dirA).peerId().toString();
    String peerB = NodeIdentity.loadOrCreate(dirB).peerId().toString();
    NodeIdentity.loadOrCreate(dirC);
    // C takes placements from A's peer (operator: deployment:*), not from B's.
    IamNodeFixture.withDatabase(dirC, db -> {
      db.roles().putBinding(new RoleBindingRecord("peer:" + peerA, List.of("operator")));
      return null;
    });
    String keyA = IamNodeFixture.createKey(dirA, "operator", "acme", null);
    String keyB = IamNodeFixture.createKey(dirB, "operator", null);
    String adminA = IamNodeFixture.createKey(dirA, "admin", null);
    String adminB = IamNodeFixture.createKey(dirB, "admin", null);
    String adminC = IamNodeFixture.createKey(dirC, "admin", null);
    String[] common = {"--runtime", "process", "--heartbeat-interval", "1s", "--iam-enabled", "--iam-secret",
        IamNodeFixture.SECRET};
    Path compose = tmp.resolve("gold.yml");
    Files.writeString(compose, """
        name: gold
        services:
          web:
            image: process
            command: ["sh", "-c", "echo placed; while sleep 1; do :; done"]
            deploy:
              resources:
                reservations:
                  memory: 16M
        """);

    try (NodeGroup nodes = new NodeGroup(common)) {
      NodeProcess a = nodes.start(dirA, "--node-id", "node-a", "--region", "us");
      int grpcA = a.awaitReady(WAIT).get("grpc");
      String baseA = "http://127.0.0.1:" + a.ports().get("http");
      String bootstrap = "/ip4/127.0.0.1/tcp/" + a.ports().get("p2p") + "/p2p/" + peerA;
      NodeProcess b = nodes.start(dirB, "--node-id", "node-b", "--region", "us", "--bootstrap", bootstrap);
      NodeProcess c = nodes.start(dirC, "--node-id", "node-c", "--region", "eu", "--label", "tier=gold",
          "--bootstrap", bootstrap);
      int grpcB = b.awaitReady(WAIT).get("grpc");
      int grpcC = c.awaitReady(WAIT).get("grpc");
      String endpointA = "127.0.0.1:" + grpcA;

      // A has heard both others' heartbeats as READY; B has heard C's.
      await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> NodeGroup.readyNodes(baseA, adminA),
          heard -> heard.containsAll(List.of("node-b", "node-c")));
      String baseB = "http://127.0.0.1:" + b.ports().get("http");
      await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> NodeGroup.readyNodes(baseB, adminB),
          heard -> heard.contains("node-c"));

      CliRun placed = CliRun.of("deploy", "-f", compose.toString(), "--anywhere", "--constraint", "tier=gold",
          "--endpoint", endpointA, "--api-key", keyA);
      assertThat(placed.exit()).as(placed.out()).isZero();
      assertThat(placed.out()).contains("DEPLOYMENT   gold").contains("NODE         node-c");

      // It runs on C, owned by A's caller's org there, and A lists it with the node it runs on and C's status.
      await().atMost(WAIT).pollInterval(Duration.ofSeconds(1))
          .until(() -> CliRun.of("deployments", "--endpoint", "127.0.0.1:" + grpcC, "--api-key", adminC).out(),
              out -> out.lines().anyMatch(l -> l.startsWith("gold ") && l.contains("node-c") && l.contains("1/1")));
      await().atMost(WAIT).pollInterval(Duration.ofSeconds(1))
          .until(() -> CliRun.of("ps", "--endpoint", endpointA, "--api-key", keyA).out(),
              out -> out.lines().anyMatch(l -> l.startsWith("gold ") && l.contains("node-c") && l.contains("1/1")));
      assertThat(CliRun.of("deployments", "--endpoint", "127.0.0.1:" + grpcB, "--api-key", keyB).out())
          .doesNotContain("gold");
      JsonNode status = JSON.readTree(ok(get(baseA, "/v1/deployments/gold", keyA)).body());
      assertThat(status.get("nodeId").asText()).isEqualTo("node-c");
      assertThat(status.get("readyReplicas").asInt()).isEqualTo(1);

      // Its logs, asked of A, come from C (A has no such deployment of its own); B's caller, whose node placed
      // nothing, gets none.
      await().atMost(WAIT).pollInterval(Duration.ofSeconds(1))
          .until(() -> CliRun.of("logs", "gold", "--endpoint", endpointA, "--api-key", keyA).out(),
              out -> out.contains("placed"));
      HttpResponse<InputStream> followed = send(HttpRequest.newBuilder(
          URI.create(baseA + "/v1/deployments/gold/logs?follow=true")).timeout(WAIT).header("x-api-key", keyA)
          .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
      assertThat(followed.statusCode()).isEqualTo(200);
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(followed.body(),
          StandardCharsets.UTF_8))) {
        assertThat(lines.readLine()).contains("placed");
      }
      CliRun notPlacedByB = CliRun.of("logs", "gold", "--endpoint", "127.0.0.1:" + grpcB, "--api-key", keyB);
      assertThat(notPlacedByB.exit()).as(notPlacedByB.out()).isNotZero();
      assertThat(notPlacedByB.out()).contains("NOT_FOUND");

      // Nothing meets tier=platinum: refused within 10 s, every node named with its reason, CLI and HTTP alike.
      long started = System.nanoTime();
      CliRun nowhere = CliRun.of("deploy", "-f", compose.toString(), "--id", "plat", "--anywhere", "--constraint",
          "tier=platinum", "--endpoint", endpointA, "--api-key", keyA);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
      assertThat(nowhere.exit()).as(nowhere.out()).isNotZero();
      assertThat(nowhere.out()).contains("RESOURCE_EXHAUSTED").contains("no node can run deployment 'plat'")
          .contains("3 candidates").contains("node-a (this node): no tier (wanted platinum)")
          .contains("node-b: no tier (wanted platinum)").contains("node-c: tier is 'gold', wanted 'platinum'");
      HttpResponse<String> refused = send(HttpRequest.newBuilder(URI.create(baseA + "/v1/deployments"))
          .timeout(WAIT).header("content-type", "application/json").header("x-api-key", keyA)
          .POST(HttpRequest.BodyPublishers.ofString("""
              {"deploymentId": "plat", "spec": {"services": {"web": {"image": "process",
               "command": ["sleep", "60"]}}},
               "placement": {"anywhere": true, "region": "eu", "constraints": {"tier": "platinum"}}}""")).build());
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
      JsonNode error = JSON.readTree(refused.body());
      assertThat(error.get("code").asText()).isEqualTo("RESOURCE_EXHAUSTED");
      assertThat(error.get("message").asText())
          .contains("node-a (this node): region is 'us', wanted 'eu'; no tier (wanted platinum)")
          .contains("node-c: tier is 'gold', wanted 'platinum'");
      assertThat(error.at("/details/candidate.node-b").asText())
          .isEqualTo("region is 'us', wanted 'eu'; no tier (wanted platinum)");
      HttpResponse<String> badConstraint = send(HttpRequest.newBuilder(URI.create(baseA + "/v1/deployments"))
          .timeout(WAIT).header("content-type", "application/json").header("x-api-key", keyA)
          .POST(HttpRequest.BodyPublishers.ofString("""
              {"deploymentId": "bad", "spec": {"services": {"web": {"image": "process", "command": ["true"]}}},
               "placement": {"anywhere": true, "constraints": {"tier": "a b"}}}""")).build());
      assertThat(badConstraint.statusCode()).as(badConstraint.body()).isEqualTo(400);

      // B's peer has no binding on C: C refuses and says why; B's caller hears it.
      CliRun denied = CliRun.of("deploy", "-f", compose.toString(), "--id", "from-b", "--anywhere", "--constraint",
          "tier=gold", "--endpoint", "127.0.0.1:" + grpcB, "--api-key", keyB);
      assertThat(denied.exit()).as(denied.out()).isNotZero();
      assertThat(denied.out()).contains("PERMISSION_DENIED").contains("node node-c refused the deployment")
          .contains("lacks deployment:create");

      // Removed through A (which forwards to C), so its process-runtime replica does not outlive the test.
      CliRun removed = CliRun.of("rm", "gold", "--endpoint", endpointA, "--api-key", keyA);
      assertThat(removed.exit()).as(removed.out()).isZero();
      await().atMost(WAIT).pollInterval(Duration.ofSeconds(1))
          .until(() -> CliRun.of("containers", "--endpoint", "127.0.0.1:" + grpcC, "--api-key", adminC).out(),
              out -> !out.contains("gold"));

      nodes.terminateAll(Duration.ofSeconds(30));
      assertThat(audit(dirC, "p2p:deploy")).contains("peer:" + peerA + " gold OK acme deploy")
          .contains("peer:" + peerB + " from-b DENIED  deploy");
      assertThat(audit(dirA, "p2p:place")).contains(
          "apikey: gold OK acme node-c");
      assertThat(audit(dirA, "p2p:forward")).contains("apikey: gold OK acme node-c");
      assertThat(audit(dirC, "p2p:deploy")).contains("peer:" + peerA + " gold OK acme logs");
      assertThat(audit(dirB, "p2p:place")).contains("apikey: from-b DENIED  node-c");
    }
  }

  /**
   * The entries of one action in a stopped node's audit log: principal (API keys by kind only), deployment,
   * outcome, caller org and the call or target node.
   */
  private static List<String> audit(Path dataDir, String action) {
    return IamNodeFixture.withDatabase(dataDir, db -> db.audit()
        .query(Instant.EPOCH, Instant.now().plusSeconds(60), 1000).stream()
        .filter(e -> e.action().equals(action))
        .map(PlacementNetworkIT::line)
        .toList());
  }

  private static String line(AuditEntry e) {
    String principal = e.principal().startsWith("apikey:") ? "apikey:" : e.principal();
    String last = e.details().containsKey("target_node") ? e.details().get("target_node") : e.details().get("call");
    return principal + " " + e.resource() + " " + e.outcome() + " " + e.details().get("caller_org") + " " + last;
  }

  private HttpResponse<String> ok(HttpRequest request) throws Exception {
    HttpResponse<String> response = send(request);
    assertThat(response.statusCode()).as(request.uri() + ": " + response.body()).isEqualTo(200);
    return response;
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) throws Exception {
    return http.send(request, body);
  }

  private static HttpRequest get(String base, String path, String key) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(WAIT).header("x-api-key", key).GET().build();
  }
}
