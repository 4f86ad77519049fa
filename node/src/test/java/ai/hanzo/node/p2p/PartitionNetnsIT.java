package ai.hanzo.node.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.testing.CliRun;
import ai.hanzo.node.testing.NetnsLan;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Re-placement across a real network partition: three node processes, each in its own network namespace on one
 * bridge ({@link NetnsLan}), process runtime, heartbeats every second, leases of {@link #LEASE}. A places a
 * deployment that only B and C may run; it lands on B. B's cable is pulled (its link down: B and its copy keep
 * running, its connections hang): A places the deployment on C within the lease timeout + 5 s. The cable goes back:
 * B hears from A that its lease was taken and stops its copy within {@link #HEALED_WITHIN}, and from then on one
 * copy runs, counted as real processes on this machine and seen through every node's {@code ps}. Then the same with
 * C's cable, back to B ({@code -Dpartition.rounds=N} for more rounds, which is how bench/RESULTS.md measures
 * time-to-re-place; {@code -Dpartition.hold-seconds=S} keeps each cable out S seconds longer). A's event stream
 * names every move and release with its reason.
 */
class PartitionNetnsIT {
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final Duration LEASE = Duration.ofSeconds(4);
  /** Heartbeat (1 s) + redial + A's next tick + the release call, with room for a loaded 2-core machine. */
  private static final Duration HEALED_WITHIN = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final List<Event> events = new CopyOnWriteArrayList<>();

  private record Event(long receivedNanos, JsonNode json) {
    String type() {
      return json.path("eventType").asText();
    }

    String attribute(String name) {
      return json.path("attributes").path(name).asText();
    }
  }

  @Test
  void aCutOffTargetsDeploymentMovesAndItsOldCopyStopsWhenTheLinkComesBack(@TempDir Path tmp) throws Exception {
    long seed = new Random().nextLong();
    System.out.println("PartitionNetnsIT seed " + seed);
    String marker = "partition-it-" + Long.toHexString(new Random(seed).nextLong());
    int rounds = Integer.getInteger("partition.rounds", 2);
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
    // Each node listens on its namespace's address, not loopback; the LAN is the test's own bridge, reachable from
    // nowhere else, so unauthenticated callers are accepted as on loopback.
    String[] common = {"--runtime", "process", "--heartbeat-interval", "1s", "--lease-timeout",
        LEASE.toSeconds() + "s", "--insecure-allow-remote"};
    String peerA = NodeIdentity.loadOrCreate(tmp.resolve("a")).peerId().toString();
    CompletableFuture<?> tap = null;

    try (NetnsLan lan = NetnsLan.createOrSkip(3); NodeGroup nodes = new NodeGroup(common)) {
      NodeProcess a = nodes.startIn(lan.launcher(0), lan.address(0), tmp.resolve("a"), "--node-id", "node-a");
      a.awaitReady(WAIT);
      String bootstrapA = a.p2pAddress(peerA);
      NodeProcess b = nodes.startIn(lan.launcher(1), lan.address(1), tmp.resolve("b"), "--node-id", "node-b",
          "--label", "tier=gold", "--bootstrap", bootstrapA);
      b.awaitReady(WAIT);
      await().atMost(WAIT).pollInterval(Duration.ofMillis(500))
          .until(() -> NodeGroup.readyNodes(a.httpBase(), null), heard -> heard.contains("node-b"));
      tap = tapEvents(a.httpBase());

      CliRun placed = CliRun.of("deploy", "-f", compose.toString(), "--anywhere", "--constraint", "tier=gold",
          "--endpoint", a.grpcEndpoint());
      assertThat(placed.exit()).as(placed.out()).isZero();
      assertThat(placed.out()).contains("NODE         node-b");
      await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> copies(marker), n -> n == 1);

      // C, the spare, joins only now so that the first placement had one choice.
      NodeProcess c = nodes.startIn(lan.launcher(2), lan.address(2), tmp.resolve("c"), "--node-id", "node-c",
          "--label", "tier=gold", "--bootstrap", bootstrapA);
      c.awaitReady(WAIT);
      await().atMost(WAIT).pollInterval(Duration.ofMillis(500))
          .until(() -> NodeGroup.readyNodes(a.httpBase(), null), heard -> heard.containsAll(List.of("node-b",
              "node-c")));

      List<Long> replaceMillis = new ArrayList<>();
      List<Long> healMillis = new ArrayList<>();
      Target[] targets = {new Target(1, "node-b", b), new Target(2, "node-c", c)};
      for (int round = 0; round < rounds; round++) {
        Target from = targets[round % 2];
        Target to = targets[(round + 1) % 2];
        long[] times = partitionRound(lan, a, from, to, marker, round + 1);
        replaceMillis.add(times[0]);
        healMillis.add(times[1]);
      }
      System.out.println("PartitionNetnsIT: lease timeout " + LEASE.toMillis() + " ms, heartbeat 1000 ms; "
          + "cut -> replaced event on A (ms) " + replaceMillis + "; heal -> one copy (ms) " + healMillis);

      // Removing it through A reaches where it runs now.
      String last = targets[rounds % 2].node.httpBase();
      HttpResponse<String> removed = send(HttpRequest.newBuilder(URI.create(a.httpBase() + "/v1/deployments/gold"))
          .timeout(WAIT).DELETE().build());
      assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
      await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> copies(marker), n -> n == 0);
      assertThat(deployments(last)).isZero();
      nodes.terminateAll(Duration.ofSeconds(30));
    } finally {
      if (tap != null) {
        tap.cancel(true);
      }
      // Whatever a failure left running: the copies outlive their nodes.
      ProcessHandle.allProcesses().filter(p -> String.join(" ", p.info().arguments().orElse(new String[0]))
          .contains(marker)).forEach(ProcessHandle::destroyForcibly);
    }
  }

  private record Target(int host, String nodeId, NodeProcess node) {}

  /**
   * Cuts {@code from} (which runs the one copy) off, waits for A to place the deployment on {@code to}, heals the
   * link and waits for one copy again. Returns {cut -> A's replaced event, heal -> one copy} in milliseconds.
   */
  private long[] partitionRound(NetnsLan lan, NodeProcess a, Target from, Target to, String marker, int round)
      throws Exception {
    int replacedBefore = count("deployment.replaced");
    int releasedBefore = count("deployment.lease_released");
    long cut = System.nanoTime();
    lan.cut(from.host);
    Event moved = await().atMost(LEASE.plusSeconds(5)).pollInterval(Duration.ofMillis(50))
        .until(() -> nth("deployment.replaced", replacedBefore), e -> e != null);
    long replaceMillis = (moved.receivedNanos - cut) / 1_000_000;
    System.out.println("PartitionNetnsIT round " + round + ": " + from.nodeId + " cut, placed again on "
        + moved.attribute("to_node") + " after " + replaceMillis + " ms: " + moved.json.path("message").asText());
    assertThat(moved.json.path("resourceId").asText()).isEqualTo("gold");
    assertThat(moved.attribute("from_node")).isEqualTo(from.nodeId);
    assertThat(moved.attribute("to_node")).isEqualTo(to.nodeId);
    assertThat(moved.attribute("reason")).contains("node " + from.nodeId + " sent no heartbeat for")
        .contains("(lease timeout " + LEASE.toSeconds() + " s)");
    await().atMost(WAIT).pollInterval(Duration.ofMillis(500))
        .until(() -> readyReplicas(to.node.httpBase()), n -> n == 1);
    assertThat(copies(marker)).as("the cut-off node's copy, which cannot know yet, and the new one").isEqualTo(2);
    assertThat(nodeOf(a.httpBase())).isEqualTo(to.nodeId);
    int hold = Integer.getInteger("partition.hold-seconds", 0);
    if (hold > 0) {
      // A longer partition (-Dpartition.hold-seconds): nothing moves meanwhile.
      await().during(Duration.ofSeconds(hold)).atMost(Duration.ofSeconds(hold + 30))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> copies(marker) == 2 && to.nodeId.equals(nodeOf(a.httpBase())));
    }

    long healed = System.nanoTime();
    lan.heal(from.host);
    await().atMost(HEALED_WITHIN).pollInterval(Duration.ofMillis(50)).until(() -> copies(marker), n -> n == 1);
    long healMillis = (System.nanoTime() - healed) / 1_000_000;
    System.out.println("PartitionNetnsIT round " + round + ": link of " + from.nodeId + " back, one copy after "
        + healMillis + " ms");
    // One copy from now on, and it is the new target's: the old one lists nothing, the new one and A name it.
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
        .until(() -> copies(marker), n -> n == 1);
    await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> deployments(from.node.httpBase()),
        n -> n == 0);
    assertThat(psLine(from.node.grpcEndpoint())).as("ps on the old target").isEmpty();
    assertThat(psLine(to.node.grpcEndpoint())).as("ps on the new target").hasValueSatisfying(
        l -> assertThat(l).contains("running").contains("1/1"));
    assertThat(psLine(a.grpcEndpoint())).as("ps on the placing node").hasValueSatisfying(
        l -> assertThat(l).contains(to.nodeId));
    Event released = await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
        .until(() -> nth("deployment.lease_released", releasedBefore), e -> e != null);
    assertThat(released.attribute("from_node")).isEqualTo(from.nodeId);
    assertThat(released.json.path("message").asText()).startsWith("node " + from.nodeId + " gave up lease");
    return new long[] {replaceMillis, healMillis};
  }

  /** Reads A's {@code GET /v1/events} (one JSON event a line) into {@link #events} until cancelled. */
  private CompletableFuture<?> tapEvents(String base) {
    return http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/v1/events")).GET().build(),
        HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> r.body().forEach(line -> {
          long at = System.nanoTime();
          try {
            JsonNode e = JSON.readTree(line);
            if (e.path("eventType").asText().startsWith("deployment.")) {
              events.add(new Event(at, e));
            }
          } catch (java.io.IOException ex) {
            throw new IllegalStateException("not an event: " + line, ex);
          }
        }));
  }

  private int count(String type) {
    return (int) events.stream().filter(e -> e.type().equals(type)).count();
  }

  /** The {@code n}th (0-based) event of {@code type}, or null while there is none. */
  private Event nth(String type, int n) {
    return events.stream().filter(e -> e.type().equals(type)).skip(n).findFirst().orElse(null);
  }

  /** The running copies on this machine, whatever namespace: shells {@code sh -c "echo <marker>; ..."}. */
  private static long copies(String marker) {
    return ProcessHandle.allProcesses().filter(p -> {
      String[] args = p.info().arguments().orElse(new String[0]);
      return args.length == 2 && args[0].equals("-c") && args[1].contains(marker);
    }).count();
  }

  /** The {@code gold} line of {@code hanzo-node ps} against a node, if it lists it. */
  private static java.util.Optional<String> psLine(String endpoint) throws Exception {
    CliRun ps = CliRun.of("ps", "--endpoint", endpoint);
    assertThat(ps.exit()).as(ps.out()).isZero();
    return ps.out().lines().filter(l -> l.startsWith("gold ")).findFirst();
  }

  private String nodeOf(String base) throws Exception {
    HttpResponse<String> r = send(get(base, "/v1/deployments/gold"));
    return r.statusCode() == 200 ? JSON.readTree(r.body()).path("nodeId").asText() : "(" + r.statusCode() + ")";
  }

  private int readyReplicas(String base) throws Exception {
    HttpResponse<String> r = send(get(base, "/v1/deployments/gold"));
    return r.statusCode() == 200 ? JSON.readTree(r.body()).path("readyReplicas").asInt() : -1;
  }

  private int deployments(String base) throws Exception {
    HttpResponse<String> r = send(get(base, "/v1/deployments"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body()).path("deployments").size();
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest get(String base, String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET().build();
  }
}
