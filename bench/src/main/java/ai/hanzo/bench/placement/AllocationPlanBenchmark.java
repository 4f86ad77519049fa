package ai.hanzo.bench.placement;

import static ai.hanzo.bench.placement.SyntheticCandidates.CPU;
import static ai.hanzo.bench.placement.SyntheticCandidates.GIB;

import ai.hanzo.node.p2p.placement.AllocationPlan;
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
 * The decision of an allocation ({@link AllocationPlan#plan}: 3 nodes of the pool {@code tier=gold}, 1 CPU and
 * 512 MiB each) against its anchor in the same run, the plain placement decision ({@link PlacementRanking#rank} of
 * one deployment of 1 CPU, 512 MiB, 2 replicas with the constraint {@code tier=gold}), over {@code candidates}
 * {@link SyntheticCandidates} (seeded: regions, zones, labels, free
 * CPUs, memory and replicas, some cordoned, draining or stale). Both write every refusal out and sort.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AllocationPlanBenchmark {
  private static final long SEED = 0xA110C;
  private static final Map<String, String> POOL = Map.of("tier", "gold");

  @Param({"10", "100", "1000"})
  int candidates;

  private List<Candidate> nodes;
  private Demand deployment;
  private Demand perNode;
  private final PlacementRanking ranking = new PlacementRanking(Duration.ofSeconds(30));

  @Setup
  public void heartbeats() {
    System.out.println("AllocationPlanBenchmark seed " + SEED);
    nodes = SyntheticCandidates.generate(candidates, SEED);
    deployment = new Demand(CPU, GIB / 2, 2, POOL, Demand.Strategy.BINPACK);
    perNode = new Demand(CPU, GIB / 2, 0, Map.of(), Demand.Strategy.BINPACK);
  }

  /** The anchor: where one deployment goes. */
  @Benchmark
  public List<Verdict> placement() {
    return ranking.rank(nodes, deployment);
  }

  @Benchmark
  public AllocationPlan allocation() {
    return AllocationPlan.plan(ranking, nodes, perNode, 3, POOL);
  }
}
