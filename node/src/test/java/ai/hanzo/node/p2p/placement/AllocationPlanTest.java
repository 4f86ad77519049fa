package ai.hanzo.node.p2p.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.p2p.gossip.PlacementFacts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Choosing the nodes of an allocation: distinct, best first, all or none, every refusal named. */
class AllocationPlanTest {
  private static final long GIB = 1L << 30;
  private static final long CPU = 1_000_000_000L;
  private static final PlacementRanking RANKING = new PlacementRanking(Duration.ofSeconds(30));

  private static Candidate node(String id, String tier, long freeMemory) {
    return new Candidate(id, "peer-" + id, List.of(), false, "READY", List.of("process"),
        new PlacementFacts("eu", "", Map.of("tier", tier), false, 4 * CPU, freeMemory, 100), Duration.ofSeconds(1));
  }

  private static Demand perNode(long memory) {
    return new Demand(CPU, memory, 0, Map.of(), Demand.Strategy.BINPACK);
  }

  @Test
  void theBestFittingNodesOfThePoolAreChosen() {
    List<Candidate> nodes = List.of(node("a", "gold", 8 * GIB), node("b", "gold", 2 * GIB),
        node("c", "silver", 16 * GIB), node("d", "gold", GIB / 2));
    AllocationPlan plan = AllocationPlan.plan(RANKING, nodes, perNode(GIB), 2, Map.of("tier", "gold"));
    assertThat(plan.satisfied()).isTrue();
    assertThat(plan.chosen()).extracting(v -> v.candidate().nodeId()).containsExactly("b", "a");
  }

  @Test
  void tooFewFittingNodesChooseNoneAndSayWhyForEach() {
    List<Candidate> nodes = List.of(node("a", "gold", 8 * GIB), node("c", "silver", 16 * GIB),
        node("d", "gold", GIB / 2));
    AllocationPlan plan = AllocationPlan.plan(RANKING, nodes, perNode(GIB), 2, Map.of("tier", "gold"));
    assertThat(plan.satisfied()).isFalse();
    assertThat(plan.chosen()).isEmpty();
    assertThat(plan.refusal()).isEqualTo("1 of 3 candidates fit, 2 needed: c: tier is 'silver', wanted 'gold'"
        + " | d: not enough memory: 512.0 MiB free, needs 1024.0 MiB");
  }

  @Test
  void aPoolContradictingAConstraintOrABadCountIsRefused() {
    Demand inUs = new Demand(CPU, GIB, 0, Map.of("region", "us"), Demand.Strategy.BINPACK);
    assertThatThrownBy(() -> AllocationPlan.plan(RANKING, List.of(), inUs, 1, Map.of("region", "eu")))
        .hasMessageContaining("the pool selects region=eu but the constraints say region=us");
    assertThatThrownBy(() -> AllocationPlan.plan(RANKING, List.of(), perNode(GIB), 0, Map.of()))
        .hasMessageContaining("count must be 1 to 64");
    assertThatThrownBy(() -> AllocationPlan.plan(RANKING, List.of(), perNode(GIB), 65, Map.of()))
        .hasMessageContaining("count must be 1 to 64");
  }
}
