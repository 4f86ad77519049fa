package ai.hanzo.bench.placement;

import ai.hanzo.bench.BenchNode;
import ai.hanzo.node.client.Allocation;
import ai.hanzo.node.client.AllocationAsk;
import ai.hanzo.node.client.ClientSettings;
import ai.hanzo.node.client.NodeClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * The reserve round trip of an allocation against a plain {@code /hanzo/deploy/1.0.0} round trip between the same
 * two nodes, interleaved in one run: two real nodes (process runtime, heartbeats every second), A places
 * {@code shell} on B. Each round, over gRPC with the CLI's client: the anchor asks A for {@code shell} (A asks B for
 * its status over the deploy protocol); then A allocates 16 MiB on B ({@code node_id=node-b}: A ranks the
 * candidates and B persists the hold before answering), timed from the call to the answer; the allocation is then
 * released (timed apart, not part of the ratio). Memory sizes are drawn from the seed so B's RocksDB does not see
 * the same value every round. Run from the repository root:
 * {@code java -cp bench/target/benchmarks.jar ai.hanzo.bench.placement.ReserveRoundTripBench ROUNDS SEED}.
 */
public final class ReserveRoundTripBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int WARM_UP = 20;

  private ReserveRoundTripBench() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : System.nanoTime();
    System.out.println("seed " + seed);
    Random random = new Random(seed);
    Path base = Files.createTempDirectory("hanzo-reserve-bench");
    String[] common = {"--runtime", "process", "--heartbeat-interval", "1s", "--mdns", "false"};
    List<BenchNode> nodes = new ArrayList<>();
    try {
      BenchNode a = start(nodes, base.resolve("a"), common, "--node-id", "node-a");
      a.awaitReady(WAIT);
      String bootstrap = "/ip4/127.0.0.1/tcp/" + port(a, "p2p") + "/p2p/" + peerId(a);
      BenchNode b = start(nodes, base.resolve("b"), common, "--node-id", "node-b", "--bootstrap", bootstrap);
      b.awaitReady(WAIT);
      awaitTrue(() -> heard(a, "node-b"));
      String body = "{\"deploymentId\": \"shell\", \"spec\": {\"services\": {\"web\": {\"image\": \"process\","
          + " \"command\": [\"sh\", \"-c\", \"echo reserve-bench; while sleep 1; do :; done\"]}}},"
          + " \"placement\": {\"anywhere\": true, \"constraints\": {\"node_id\": \"node-b\"}}}";
      HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url(a, "/v1/deployments")))
          .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
      if (r.statusCode() != 201) {
        throw new IllegalStateException("deploy: " + r.statusCode() + " " + r.body());
      }
      awaitTrue(() -> ready(b, "shell"));
      List<Double> status = new ArrayList<>();
      List<Double> reserve = new ArrayList<>();
      List<Double> release = new ArrayList<>();
      try (NodeClient onA = client(a)) {
        for (int i = 0; i < rounds + WARM_UP; i++) {
          long start = System.nanoTime();
          onA.inspect("shell");
          double s = (System.nanoTime() - start) / 1e6;
          AllocationAsk ask = new AllocationAsk("", "", 1, "", (16 + random.nextInt(16)) + "M", 0, "",
              Map.of("node_id", "node-b"), 600, "binpack");
          start = System.nanoTime();
          Allocation made = onA.allocate(ask);
          double t = (System.nanoTime() - start) / 1e6;
          if (!made.nodes().get(0).nodeId().equals("node-b")) {
            throw new IllegalStateException("allocated on " + made.nodes());
          }
          start = System.nanoTime();
          onA.releaseAllocation(made.id());
          double g = (System.nanoTime() - start) / 1e6;
          if (i >= WARM_UP) {
            status.add(s);
            reserve.add(t);
            release.add(g);
          }
        }
      }
      System.out.printf(Locale.ROOT, "%d rounds after %d warm-up, gRPC to A: deployment status through A (deploy"
          + " protocol A->B) median %.2f ms (p90 %.2f, p99 %.2f); allocate on B median %.2f ms (p90 %.2f, p99 %.2f);"
          + " release median %.2f ms (p90 %.2f, p99 %.2f); allocate/status ratio of medians %.2fx, difference"
          + " %.2f ms%n", rounds, WARM_UP, median(status), pct(status, 0.9), pct(status, 0.99), median(reserve),
          pct(reserve, 0.9), pct(reserve, 0.99), median(release), pct(release, 0.9), pct(release, 0.99),
          median(reserve) / median(status), median(reserve) - median(status));
      send(HttpRequest.newBuilder(URI.create(url(a, "/v1/deployments/shell"))).DELETE().build());
      awaitTrue(() -> status(b, "shell") == 404);
    } finally {
      for (BenchNode n : nodes) {
        n.close();
      }
      ProcessHandle.allProcesses().filter(p -> String.join(" ", p.info().arguments().orElse(new String[0]))
          .contains("reserve-bench")).forEach(ProcessHandle::destroyForcibly);
    }
  }

  private static NodeClient client(BenchNode n) {
    return new NodeClient(new ClientSettings("127.0.0.1:" + n.grpcPort(), null, null, Duration.ofSeconds(30)));
  }

  private static boolean ready(BenchNode n, String id) {
    try {
      HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url(n, "/v1/deployments/" + id))).build());
      return r.statusCode() == 200 && JSON.readTree(r.body()).path("readyReplicas").asInt() == 1;
    } catch (Exception e) {
      return false;
    }
  }

  private static int status(BenchNode n, String id) {
    try {
      return send(HttpRequest.newBuilder(URI.create(url(n, "/v1/deployments/" + id))).build()).statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  private static boolean heard(BenchNode n, String nodeId) {
    try {
      for (var peer : JSON.readTree(send(HttpRequest.newBuilder(URI.create(url(n, "/v1/peers"))).build()).body())
          .path("peers")) {
        if (peer.path("nodeId").asText().equals(nodeId)
            && peer.path("state").asText().equals("NODE_STATE_READY")) {
          return true;
        }
      }
      return false;
    } catch (Exception e) {
      return false;
    }
  }

  /** Polls every 10 ms (setting up only; nothing measured waits here). */
  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("condition not met within " + WAIT);
      }
      Thread.sleep(10);
    }
  }

  private static String peerId(BenchNode n) throws Exception {
    return JSON.readTree(send(HttpRequest.newBuilder(URI.create(url(n, "/v1/network"))).build()).body())
        .path("peerId").asText();
  }

  private static int port(BenchNode n, String name) throws Exception {
    return JSON.readTree(Files.readString(n.dataDir.resolve("ports.json"))).path(name).asInt();
  }

  private static String url(BenchNode n, String path) {
    return "http://127.0.0.1:" + n.httpPort() + path;
  }

  private static HttpResponse<String> send(HttpRequest r) throws Exception {
    return HTTP.send(r, HttpResponse.BodyHandlers.ofString());
  }

  private static BenchNode start(List<BenchNode> nodes, Path dir, String[] common, String... extra)
      throws Exception {
    List<String> args = new ArrayList<>(List.of(common));
    args.addAll(List.of(extra));
    BenchNode n = BenchNode.start(dir, args.toArray(String[]::new));
    nodes.add(n);
    return n;
  }

  private static double median(List<Double> xs) {
    return pct(xs, 0.5);
  }

  private static double pct(List<Double> xs, double p) {
    List<Double> s = new ArrayList<>(xs);
    Collections.sort(s);
    return s.get(Math.min(s.size() - 1, Math.max(0, (int) Math.ceil(s.size() * p) - 1)));
  }
}
