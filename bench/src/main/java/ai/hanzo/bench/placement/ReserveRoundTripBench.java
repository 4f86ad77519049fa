package ai.hanzo.bench.placement;

import static ai.hanzo.bench.placement.PlacementNodes.awaitTrue;
import static ai.hanzo.bench.placement.PlacementNodes.client;
import static ai.hanzo.bench.placement.PlacementNodes.median;
import static ai.hanzo.bench.placement.PlacementNodes.pct;
import static ai.hanzo.bench.placement.PlacementNodes.placedShell;
import static ai.hanzo.bench.placement.PlacementNodes.send;
import static ai.hanzo.bench.placement.PlacementNodes.status;
import static ai.hanzo.bench.placement.PlacementNodes.url;

import ai.hanzo.bench.BenchNode;
import ai.hanzo.node.client.Allocation;
import ai.hanzo.node.client.AllocationAsk;
import ai.hanzo.node.client.NodeClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

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
  private static final int WARM_UP = 20;

  private ReserveRoundTripBench() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : System.nanoTime();
    System.out.println("seed " + seed);
    Random random = new Random(seed);
    Path base = Files.createTempDirectory("hanzo-reserve-bench");
    List<BenchNode> nodes = new ArrayList<>();
    try {
      BenchNode[] ab = placedShell(nodes, base, "reserve-bench");
      BenchNode a = ab[0];
      BenchNode b = ab[1];
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

}
