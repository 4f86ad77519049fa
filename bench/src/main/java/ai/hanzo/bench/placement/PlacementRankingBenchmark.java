package ai.hanzo.bench.placement;

import static ai.hanzo.bench.placement.SyntheticCandidates.CPU;
import static ai.hanzo.bench.placement.SyntheticCandidates.GIB;

import ai.hanzo.node.p2p.placement.Candidate;
import ai.hanzo.node.p2p.placement.Demand;
import ai.hanzo.node.p2p.placement.PlacementRanking;
import ai.hanzo.node.p2p.placement.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
 * The placement decision of a Deploy with {@code --anywhere}: {@link PlacementRanking#rank} over {@code candidates}
 * synthetic heartbeats (seeded: regions, zones, labels, free CPUs, memory and replicas, some cordoned, draining or
 * stale), against a demand of 1 CPU and 512 MiB in region eu with one label constraint, so roughly a third of the
 * candidates fit and the rest are refused with their reasons written out. Measures the whole decision, including
 * the refusal texts and the sort.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PlacementRankingBenchmark {
  private static final long SEED = 0x5EED;

  @Param({"10", "100", "1000"})
  int candidates;

  @Param({"BINPACK", "SPREAD"})
  Demand.Strategy strategy;

  private List<Candidate> nodes;
  private Demand demand;
  private final PlacementRanking ranking = new PlacementRanking(Duration.ofSeconds(30));

  @Setup
  public void heartbeats() {
    System.out.println("PlacementRankingBenchmark seed " + SEED);
    nodes = SyntheticCandidates.generate(candidates, SEED);
    demand = new Demand(CPU, GIB / 2, 2, Map.of("region", "eu", "tier", "gold"), strategy);
  }

  @Benchmark
  public List<Verdict> rank() {
    return ranking.rank(nodes, demand);
  }
}
