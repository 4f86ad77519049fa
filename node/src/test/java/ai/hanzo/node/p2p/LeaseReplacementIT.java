package ai.hanzo.node.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.app.IamNodeFixture;
import ai.hanzo.node.storage.AuditEntry;
import ai.hanzo.node.testing.CliRun;
import ai.hanzo.node.testing.NodeGroup;
import ai.hanzo.node.testing.NodeProcess;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Re-placement with three real node processes on loopback (process runtime, heartbeats every second, leases of
 * 3 s). A places a deployment that only B and C may run on B (C starts later); B is killed with -9 and A places it
 * on C within the lease timeout + 5 s. Then A itself is killed with -9 and started again: it still lists the
 * deployment on C and still knows B's lease was taken, so when B comes back (its copy outlived it and B adopts it)
 * A tells B and B stops its copy: exactly one copy runs, counted as real processes on this machine. Scale, stop and
 * remove asked of A reach C. Every move is in A's audit with its reason.
 */
class LeaseReplacementIT {
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final Duration LEASE = Duration.ofSeconds(3);
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void aKilledTargetsDeploymentIsPlacedAgainAndItsOldCopyStopsWhenItComesBack(@TempDir Path tmp) throws Exception {
    long seed = new Random().nextLong();
    System.out.println("LeaseReplacementIT seed " + seed);
    String marker = "lease-it-" + Long.toHexString(new Random(seed).nextLong());
    Path dirA = tmp.resolve("a");
    Path dirB = tmp.resolve("b");
    Path dirC = tmp.resolve("c");
    String peerA = NodeIdentity.loadOrCreate(dirA).peerId().toString();
    String peerC = NodeIdentity.loadOrCreate(dirC).peerId().toString();
    NodeIdentity.loadOrCreate(dirB);
    String[] common = {"--runtime", "process", "--heartbeat-interval", "1s", "--lease-timeout",
        LEASE.toSeconds() + "s"};
    Path compose = tmp.resolve("gold.yml");
    Files.writeString(compose, """
        name: gold
        services:
          web:
            image: process
            command: ["sh", "-c", "echo %s; while sleep 1; do :; done"]
            deploy:
              resources:
                reservations:
                  memory: 16M
        """.formatted(marker));

    try (NodeGroup nodes = new NodeGroup(common)) {
      NodeProcess a = nodes.start(dirA, "--node-id", "node-a");
      a.awaitReady(WAIT);
      String bootstrapA = "/ip4/127.0.0.1/tcp/" + a.ports().get("p2p") + "/p2p/" + peerA;
      NodeProcess b = nodes.start(dirB, "--node-id", "node-b", "--label", "tier=gold", "--bootstrap",
          bootstrapA);
      b.awaitReady(WAIT);
      String baseA = "http://127.0.0.1:" + a.ports().get("http");
      await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> NodeGroup.readyNodes(baseA, null),
          heard -> heard.contains("node-b"));

      CliRun placed = CliRun.of("deploy", "-f", compose.toString(), "--anywhere", "--constraint", "tier=gold",
          "--endpoint", "127.0.0.1:" + a.ports().get("grpc"));
      assertThat(placed.exit()).as(placed.out()).isZero();
      assertThat(placed.out()).contains("NODE         node-b");
      await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> copies(marker), n -> n == 1);

      NodeProcess c = nodes.start(dirC, "--node-id", "node-c", "--label", "tier=gold", "--bootstrap",
          bootstrapA);
      c.awaitReady(WAIT);
      await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> NodeGroup.readyNodes(baseA, null),
          heard -> heard.contains("node-c"));

      // B dies without a word; its copy outlives it (process runtime shims do). A places the deployment on C.
      String baseC = "http://127.0.0.1:" + c.ports().get("http");
      assertThat(nodeOf(baseC, "gold")).isEqualTo("(404)");
      long killed = System.nanoTime();
      nodes.kill(b);
      await().atMost(LEASE.plusSeconds(5)).pollInterval(Duration.ofMillis(100))
          .until(() -> nodeOf(baseC, "gold"), "node-c"::equals);
      Duration replaced = Duration.ofNanos(System.nanoTime() - killed);
      System.out.println("LeaseReplacementIT: placed again on node-c " + replaced.toMillis() + " ms after kill -9"
          + " of node-b (lease timeout " + LEASE.toSeconds() + " s)");
      await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> nodeOf(baseA, "gold"),
          "node-c"::equals);
      await().atMost(WAIT).pollInterval(Duration.ofMillis(500))
          .until(() -> readyReplicas(baseC, "gold"), n -> n == 1);
      assertThat(copies(marker)).as("B's orphaned copy and C's").isEqualTo(2);

      // A dies too and comes back: its leases were in its database.
      nodes.kill(a);
      String bootstrapC = "/ip4/127.0.0.1/tcp/" + c.ports().get("p2p") + "/p2p/" + peerC;
      a = nodes.start(dirA, "--node-id", "node-a", "--bootstrap", bootstrapC);
      a.awaitReady(WAIT);
      String baseA2 = "http://127.0.0.1:" + a.ports().get("http");
      await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> nodeOf(baseA2, "gold"),
          "node-c"::equals);

      // B comes back with its old copy; A tells it the lease is gone, and B stops it: one copy, on C.
      String bootstrapA2 = "/ip4/127.0.0.1/tcp/" + a.ports().get("p2p") + "/p2p/" + peerA;
      b = nodes.start(dirB, "--node-id", "node-b", "--label", "tier=gold", "--bootstrap", bootstrapC,
          "--bootstrap", bootstrapA2);
      b.awaitReady(WAIT);
      String baseB = "http://127.0.0.1:" + b.ports().get("http");
      await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> copies(marker), n -> n == 1);
      await().atMost(WAIT).pollInterval(Duration.ofMillis(500))
          .until(() -> JSON.readTree(ok(get(baseB, "/v1/deployments")).body()).path("deployments").size(),
              n -> n == 0);
      assertThat(readyReplicas(baseC, "gold")).isEqualTo(1);
      assertThat(nodeOf(baseA2, "gold")).isEqualTo("node-c");

      // Scale, stop and remove through A reach C, where it runs.
      HttpResponse<String> scaled = ok(post(baseA2, "/v1/deployments/gold/scale",
          "{\"serviceName\": \"web\", \"replicas\": 2}"));
      assertThat(JSON.readTree(scaled.body()).path("currentReplicas").asInt()).isEqualTo(2);
      await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> copies(marker), n -> n == 2);
      ok(post(baseA2, "/v1/deployments/gold/stop", "{}"));
      await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> copies(marker), n -> n == 0);
      HttpResponse<String> missing = send(post(baseA2, "/v1/deployments/nowhere/stop", "{}"));
      assertThat(missing.statusCode()).as(missing.body()).isEqualTo(404);
      ok(send(HttpRequest.newBuilder(URI.create(baseA2 + "/v1/deployments/gold")).timeout(WAIT).DELETE().build()));
      await().atMost(WAIT).pollInterval(Duration.ofMillis(500))
          .until(() -> JSON.readTree(ok(get(baseC, "/v1/deployments")).body()).path("deployments").size(),
              n -> n == 0);
      assertThat(JSON.readTree(ok(get(baseA2, "/v1/deployments")).body()).path("deployments").size()).isZero();

      nodes.terminateAll(Duration.ofSeconds(30));
      List<String> moves = audit(dirA);
      assertThat(moves).anySatisfy(m -> assertThat(m).startsWith("node:node-a p2p:replace gold OK node-b->node-c")
          .contains("node node-b sent no heartbeat for").contains("(lease timeout 3 s)"));
      assertThat(moves).anySatisfy(m -> assertThat(m).startsWith("node:node-a p2p:release gold OK node-b"));
      List<String> onB = IamNodeFixture.withDatabase(dirB, db -> db.audit().query(Instant.EPOCH,
          Instant.now().plusSeconds(60), 1000).stream().filter(e -> e.action().equals("p2p:deploy")).map(
              e -> e.outcome() + " " + e.details().get("call") + " " + e.details().get("detail")).toList());
      assertThat(onB).contains("OK deploy deployed under lease 1")
          .anySatisfy(l -> assertThat(l).startsWith("OK release released lease 1"));
    } finally {
      // Whatever a failure left running: the copies outlive their nodes.
      ProcessHandle.allProcesses().filter(p -> commandLine(p).contains(marker))
          .forEach(ProcessHandle::destroyForcibly);
    }
  }

  /**
   * The running copies of the deployment on this machine: its shells ({@code sh -c "echo <marker>; ..."}), not the
   * shims whose arguments carry the command too.
   */
  private static long copies(String marker) {
    return ProcessHandle.allProcesses().filter(p -> {
      String[] args = p.info().arguments().orElse(new String[0]);
      return args.length == 2 && args[0].equals("-c") && args[1].contains(marker);
    }).count();
  }

  private static String commandLine(ProcessHandle p) {
    return String.join(" ", p.info().arguments().orElse(new String[0]));
  }

  private String nodeOf(String base, String id) throws Exception {
    HttpResponse<String> r = send(get(base, "/v1/deployments/" + id));
    return r.statusCode() == 200 ? JSON.readTree(r.body()).path("nodeId").asText() : "(" + r.statusCode() + ")";
  }

  private int readyReplicas(String base, String id) throws Exception {
    HttpResponse<String> r = send(get(base, "/v1/deployments/" + id));
    return r.statusCode() == 200 ? JSON.readTree(r.body()).path("readyReplicas").asInt() : -1;
  }

  /** A stopped node's p2p:replace and p2p:release entries: principal, action, deployment, outcome, move, reason. */
  private static List<String> audit(Path dataDir) {
    return IamNodeFixture.withDatabase(dataDir, db -> db.audit()
        .query(Instant.EPOCH, Instant.now().plusSeconds(60), 1000).stream()
        .filter(e -> e.action().equals("p2p:replace") || e.action().equals("p2p:release"))
        .map(LeaseReplacementIT::line).toList());
  }

  private static String line(AuditEntry e) {
    String move = e.details().get("from_node") + (e.details().containsKey("to_node") ? "->"
        + e.details().get("to_node") : "");
    return e.principal() + " " + e.action() + " " + e.resource() + " " + e.outcome() + " " + move + " "
        + e.details().get("reason");
  }

  private HttpResponse<String> ok(HttpRequest request) throws Exception {
    return ok(send(request));
  }

  private static HttpResponse<String> ok(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.uri() + ": " + response.body()).isEqualTo(200);
    return response;
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest post(String base, String path, String body) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(WAIT).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  private static HttpRequest get(String base, String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(WAIT).GET().build();
  }
}
