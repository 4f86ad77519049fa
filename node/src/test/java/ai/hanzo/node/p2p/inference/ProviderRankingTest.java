package ai.hanzo.node.p2p.inference;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProviderRankingTest {
  private final MutableClock clock = new MutableClock();
  private final ProviderRanking ranking = new ProviderRanking(clock);

  private static ModelProvider provider(String peer, boolean connected, Long rttMillis) {
    return new ModelProvider(peer, List.of(), "", connected,
        Optional.ofNullable(rttMillis).map(Duration::ofMillis));
  }

  @Test
  void connectedAndFastComeFirstAndRecentFailuresAreSkippedForAMinute() {
    List<ModelProvider> all = List.of(provider("far", false, null), provider("slow", true, 80L),
        provider("unmeasured", true, null), provider("fast", true, 3L));

    assertThat(ranking.rank(all)).extracting(ModelProvider::peerId)
        .containsExactly("fast", "slow", "unmeasured", "far");

    ranking.failed("fast");
    assertThat(ranking.rank(all)).extracting(ModelProvider::peerId).containsExactly("slow", "unmeasured", "far");
    clock.advance(ProviderRanking.FAILURE_MEMORY);
    assertThat(ranking.rank(all)).extracting(ModelProvider::peerId).startsWith("fast");

    ranking.failed("slow");
    ranking.succeeded("slow");
    assertThat(ranking.rank(all)).extracting(ModelProvider::peerId).contains("slow");
  }
}
