package ai.hanzo.bench.placement;

import ai.hanzo.node.p2p.gossip.PlacementFacts;
import ai.hanzo.node.p2p.placement.Candidate;
import ai.hanzo.node.p2p.placement.Demand;
import ai.hanzo.node.p2p.placement.PlacementRanking;
import ai.hanzo.node.p2p.placement.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What GPU demands add to a placement decision: {@link PlacementRanking#rank} over {@code candidates} synthetic
 * heartbeats that all carry GPU facts (seeded: 0-8 GPUs of three models, some held), once with a demand of CPU and
 * memory only (the anchor, GPU facts ignored) and once also asking for 2 free GPUs of model A100 with at least 40 GiB
 * each, in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GpuPlacementBenchmark {
  private static final long SEED = 0x6B0;
  private static final long GIB = 1L << 30;
  private static final long CPU = 1_000_000_000L;

  @Param({"10", "100", "1000"})
  int candidates;

  @Param({"cpu-memory", "gpus"})
  String demandKind;

  private List<Candidate> nodes;
  private Demand demand;
  private final PlacementRanking ranking = new PlacementRanking(Duration.ofSeconds(30));

  @Setup
  public void heartbeats() {
    System.out.println("GpuPlacementBenchmark seed " + SEED);
    Random r = new Random(SEED);
    String[] models = {"NVIDIA A100-SXM4-80GB", "NVIDIA H100 80GB HBM3", "Tesla T4"};
    long[] memories = {80 * GIB, 80 * GIB, 16 * GIB};
    nodes = new ArrayList<>();
    for (int i = 0; i < candidates; i++) {
      int model = r.nextInt(models.length);
      int gpus = r.nextInt(9);
      nodes.add(new Candidate("node-" + i, "12D3KooWPeer" + i, List.of("/ip4/10.0.0." + (i % 250) + "/tcp/9000"),
          i == 0, "READY", List.of("process"),
          new PlacementFacts("eu", "eu-1", Map.of(), false, r.nextInt(16) * CPU, r.nextInt(64) * GIB / 4,
              r.nextInt(200)).withGpus(new PlacementFacts.Gpus(gpus, gpus == 0 ? 0 : r.nextInt(gpus + 1),
              gpus == 0 ? "" : models[model], gpus == 0 ? 0 : memories[model])),
          Duration.ofMillis(r.nextInt(20_000))));
    }
    Demand base = new Demand(CPU, GIB / 2, 2, Map.of("region", "eu"), Demand.Strategy.BINPACK);
    demand = demandKind.equals("gpus") ? base.withGpus(new Demand.Gpus(2, "a100", 40 * GIB)) : base;
  }

  @Benchmark
  public List<Verdict> rank() {
    return ranking.rank(nodes, demand);
  }
}
