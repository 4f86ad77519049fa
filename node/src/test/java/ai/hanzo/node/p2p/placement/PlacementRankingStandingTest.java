package ai.hanzo.node.p2p.placement;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.p2p.gossip.PlacementFacts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Stake and QoS score as ranking inputs: refusals under --require-stake and for a QoS ban, and the order. */
class PlacementRankingStandingTest {
  private static final long GIB = 1L << 30;
  private static final long CPU = 1_000_000_000L;
  private static final Demand ONE_GIB = new Demand(CPU, GIB, 1, Map.of(), Demand.Strategy.BINPACK);

  private static Candidate node(String id, long freeMemory, boolean local, Standing standing) {
    return new Candidate(id, "peer-" + id, List.of(), local, "READY", List.of("process"),
        new PlacementFacts("eu", "", Map.of(), false, 4 * CPU, freeMemory, 100), Duration.ofSeconds(1), standing);
  }

  private static Standing stake(Standing.Stake stake) {
    return new Standing(stake, OptionalDouble.empty(), false);
  }

  @Test
  void underRequireStakeOtherNodesWithoutAStakedOperatorAreRefusedAndSaySo() {
    List<Candidate> nodes = List.of(node("me", 4 * GIB, true, Standing.UNKNOWN),
        node("staked", 8 * GIB, false, stake(Standing.Stake.STAKED)),
        node("poor", 2 * GIB, false, stake(Standing.Stake.NOT_STAKED)),
        node("unknown", 2 * GIB, false, Standing.UNKNOWN));
    List<Verdict> ranked = new PlacementRanking(Duration.ofSeconds(30), true).rank(nodes, ONE_GIB);
    assertThat(ranked).filteredOn(Verdict::fits).extracting(v -> v.candidate().nodeId())
        .containsExactly("me", "staked");
    assertThat(ranked).filteredOn(v -> !v.fits()).extracting(Verdict::describe).containsExactly(
        "poor: not staked (its operator holds less than the minimum stake, or none is bound)",
        "unknown: not staked (its stake is not known yet)");
    // Without --require-stake the stake refuses nobody.
    assertThat(new PlacementRanking(Duration.ofSeconds(30)).rank(nodes, ONE_GIB)).allMatch(Verdict::fits);
  }

  @Test
  void aBetterQosScoreComesFirstAndABannedPeerIsRefused() {
    Candidate flaky = node("flaky", 2 * GIB, false, new Standing(Standing.Stake.UNKNOWN, OptionalDouble.of(0.41),
        false));
    Candidate solid = node("solid", 8 * GIB, false, new Standing(Standing.Stake.UNKNOWN, OptionalDouble.of(0.97),
        false));
    Candidate unscored = node("new", 4 * GIB, false, Standing.UNKNOWN);
    Candidate banned = node("banned", 2 * GIB, false, new Standing(Standing.Stake.STAKED, OptionalDouble.of(0.1),
        true));
    List<Verdict> ranked = new PlacementRanking(Duration.ofSeconds(30)).rank(List.of(flaky, solid, unscored,
        banned), ONE_GIB);
    // Binpack alone would take flaky (least memory left); its score puts it last of those that fit. Scores within
    // the same tenth leave the order to the strategy (new, unscored, counts as 1.0 like solid's 0.97).
    assertThat(ranked).extracting(v -> v.candidate().nodeId()).containsExactly("new", "solid", "flaky", "banned");
    assertThat(ranked.get(3).refusal()).isEqualTo("banned by QoS for failed challenges");
  }
}
