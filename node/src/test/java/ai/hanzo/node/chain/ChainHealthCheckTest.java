package ai.hanzo.node.chain;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.metrics.HealthLevel;
import ai.hanzo.testing.MutableClock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The chain check after reorgs: a deep one degrades it, with the reason, for a while; a shallow one does not. */
class ChainHealthCheckTest {
  private final MutableClock clock = new MutableClock();

  private ChainStatusSource source(Optional<ChainReorg> deep) {
    return new ChainStatusSource() {
      @Override
      public ChainStatus status() {
        return new ChainStatus(1, Optional.of(new ChainStatus.Head(10, clock.instant())),
            Optional.of(clock.instant()), Optional.empty(), false);
      }

      @Override
      public Duration maxLag() {
        return Duration.ofMinutes(1);
      }

      @Override
      public Optional<ChainReorg> lastDeepReorg() {
        return deep;
      }

      @Override
      public int confirmations() {
        return 2;
      }
    };
  }

  @Test
  void aReorgDeeperThanTheConfirmationsDegradesTheCheckForAWhileWithTheReason() {
    ChainReorg reorg = new ChainReorg(4, 5, 9, 10, false, clock.instant());
    ChainHealthCheck check = new ChainHealthCheck(source(Optional.of(reorg)), clock);
    var result = check.check();
    assertThat(result.level()).isEqualTo(HealthLevel.DEGRADED);
    assertThat(result.detail()).contains("reorg of depth 4").contains("blocks 6 to 9")
        .contains("deeper than the 2 confirmations");
    clock.advance(ChainHealthCheck.REORG_REPORTED_FOR);
    assertThat(check.check().level()).isEqualTo(HealthLevel.HEALTHY);
  }

  @Test
  void withoutADeepReorgTheChainIsHealthy() {
    assertThat(new ChainHealthCheck(source(Optional.empty()), clock).check().level())
        .isEqualTo(HealthLevel.HEALTHY);
  }
}
