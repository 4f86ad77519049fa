package ai.hanzo.node.p2p.placement;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.p2p.gossip.PlacementFacts;
import ai.hanzo.testing.RandomCases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ranking of candidate nodes: who fits, in which order, and every reason a node is refused. */
class PlacementRankingTest {
  private static final long GIB = 1L << 30;
  private static final long CPU = 1_000_000_000L;
  private static final PlacementRanking RANKING = new PlacementRanking(Duration.ofSeconds(30));

  private static Candidate node(String id, long freeMemory, PlacementFacts facts) {
    return new Candidate(id, "peer-" + id, List.of(), false, "READY", List.of("process"),
        facts == null ? new PlacementFacts("eu", "eu-1", Map.of(), false, 4 * CPU, freeMemory, 100) : facts,
        Duration.ofSeconds(1));
  }

  private static Demand demand(long memory, Demand.Strategy strategy, Map<String, String> constraints) {
    return new Demand(CPU, memory, 1, constraints, strategy);
  }

  @Test
  void binpackChoosesTheNodeLeftWithLeastFreeMemorySpreadTheMost() {
    List<Candidate> nodes = List.of(node("big", 16 * GIB, null), node("small", 2 * GIB, null),
        node("tiny", GIB / 2, null));
    List<Verdict> binpack = RANKING.rank(nodes, demand(GIB, Demand.Strategy.BINPACK, Map.of()));
    assertThat(binpack).extracting(v -> v.candidate().nodeId()).containsExactly("small", "big", "tiny");
    assertThat(binpack.get(2).refusal()).isEqualTo("not enough memory: 512.0 MiB free, needs 1024.0 MiB");
    List<Verdict> spread = RANKING.rank(nodes, demand(GIB, Demand.Strategy.SPREAD, Map.of()));
    assertThat(spread).extracting(v -> v.candidate().nodeId()).containsExactly("big", "small", "tiny");
  }

  @Test
  void everyReasonOfARefusalIsNamed() {
    Candidate cordoned = node("c1", 8 * GIB, new PlacementFacts("us", "", Map.of(), true, CPU / 2, 8 * GIB, 0));
    Candidate stale = new Candidate("old", "peer-old", List.of(), false, "DRAINING", List.of(),
        new PlacementFacts("eu", "", Map.of(), false, 4 * CPU, 8 * GIB, 10), Duration.ofSeconds(45));
    Candidate older = new Candidate("v0", "peer-v0", List.of(), false, "READY", List.of("process"),
        PlacementFacts.UNKNOWN, Duration.ZERO);
    List<Verdict> ranked = RANKING.rank(List.of(cordoned, stale, older),
        demand(GIB, Demand.Strategy.BINPACK, Map.of("region", "eu", "gpu", "a100")));
    assertThat(ranked).noneMatch(Verdict::fits);
    assertThat(ranked.get(0).refusal()).isEqualTo("cordoned; no gpu (wanted a100); region is 'us', wanted 'eu';"
        + " room for 0 more replicas, needs 1; not enough CPU: 0.50 CPUs free, needs 1.00 CPUs");
    assertThat(ranked.get(1).refusal()).isEqualTo("stale heartbeat (45 s old, more than 30 s); state DRAINING;"
        + " no container runtime available; no gpu (wanted a100)");
    assertThat(ranked.get(2).refusal()).contains("says nothing of its free capacity");
    assertThat(ranked.get(1).describe()).startsWith("old: stale heartbeat");
  }

  @Test
  void constraintsMatchRegionZoneRuntimeNodeIdAndLabels() {
    Candidate gpu = node("c", 4 * GIB, new PlacementFacts("eu", "eu-2", Map.of("gpu", "a100"), false, 4 * CPU,
        4 * GIB, 10));
    Candidate plain = node("b", 4 * GIB, null);
    for (Map<String, String> only : List.of(Map.of("gpu", "a100"), Map.of("zone", "eu-2"), Map.of("node_id", "c"),
        Map.of("runtime", "process", "gpu", "a100"))) {
      List<Verdict> ranked = RANKING.rank(List.of(plain, gpu), demand(GIB, Demand.Strategy.SPREAD, only));
      assertThat(ranked.get(0).candidate().nodeId()).as(only.toString()).isEqualTo("c");
      assertThat(ranked.get(0).fits()).isTrue();
      assertThat(ranked.get(1).fits()).as(only.toString()).isFalse();
    }
    assertThat(RANKING.rank(List.of(gpu), demand(GIB, Demand.Strategy.SPREAD, Map.of("runtime", "runc"))).get(0)
        .refusal()).isEqualTo("runtime is 'process', wanted 'runc'");
  }

  @Test
  void thisNodeIsNeverStaleAndTiesAreBrokenByNodeId() {
    Candidate self = new Candidate("me", "peer-me", List.of(), true, "READY", List.of("process"),
        new PlacementFacts("", "", Map.of(), false, 4 * CPU, 4 * GIB, 10), Duration.ofHours(1));
    List<Verdict> ranked = RANKING.rank(List.of(node("z", 4 * GIB, null), self, node("a", 4 * GIB, null)),
        demand(GIB, Demand.Strategy.BINPACK, Map.of()));
    assertThat(ranked).allMatch(Verdict::fits);
    assertThat(ranked).extracting(v -> v.candidate().nodeId()).containsExactly("a", "me", "z");
  }

  /** Seeded random networks: every candidate is answered, fitting ones first, and a fitting one truly fits. */
  @Test
  void everyCandidateIsAnsweredAndFittingOnesComeFirst() {
    RandomCases.forAll(300, gen -> {
      List<Candidate> nodes = new ArrayList<>();
      for (int i = 0, n = gen.nextInt(30); i < n; i++) {
        nodes.add(new Candidate("n" + i, "p" + i, List.of(), gen.nextBoolean(),
            gen.nextInt(5) == 0 ? "DRAINING" : "READY", gen.nextInt(6) == 0 ? List.of() : List.of("process"),
            new PlacementFacts(gen.nextBoolean() ? "eu" : "us", "", Map.of(), gen.nextInt(8) == 0,
                gen.nextInt(8) * CPU, gen.nextInt(16) * GIB, gen.nextInt(4)),
            Duration.ofSeconds(gen.nextInt(60))));
      }
      Demand demand = new Demand(gen.nextInt(4) * CPU, gen.nextInt(8) * GIB, 1 + gen.nextInt(2),
          gen.nextBoolean() ? Map.of("region", "eu") : Map.of(),
          gen.nextBoolean() ? Demand.Strategy.BINPACK : Demand.Strategy.SPREAD);
      List<Verdict> ranked = RANKING.rank(nodes, demand);
      assertThat(ranked).hasSize(nodes.size());
      boolean seenRefused = false;
      long previous = demand.strategy() == Demand.Strategy.BINPACK ? Long.MIN_VALUE : Long.MAX_VALUE;
      for (Verdict v : ranked) {
        if (!v.fits()) {
          seenRefused = true;
          continue;
        }
        assertThat(seenRefused).as("a fitting node after a refused one").isFalse();
        PlacementFacts f = v.candidate().facts();
        assertThat(f.freeMemoryBytes()).isGreaterThanOrEqualTo(demand.memoryBytes());
        assertThat(f.freeNanoCpus()).isGreaterThanOrEqualTo(demand.nanoCpus());
        assertThat(f.freeReplicas()).isGreaterThanOrEqualTo(demand.replicas());
        assertThat(f.cordoned()).isFalse();
        assertThat(v.candidate().state()).isEqualTo("READY");
        if (demand.strategy() == Demand.Strategy.BINPACK) {
          assertThat(f.freeMemoryBytes()).isGreaterThanOrEqualTo(previous);
        } else {
          assertThat(f.freeMemoryBytes()).isLessThanOrEqualTo(previous);
        }
        previous = f.freeMemoryBytes();
      }
    });
  }
}
