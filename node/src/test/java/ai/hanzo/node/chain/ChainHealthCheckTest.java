package ai.hanzo.node.chain;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.metrics.HealthLevel;
import ai.hanzo.testing.MutableClock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The chain check after reorgs (a deep one degrades it, with the reason, for a while; a shallow one does not) and
 * with a head that stopped moving (older than the maximum lag: DEGRADED, naming its age).
 */
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
  void aHeadOlderThanTheMaximumLagDegradesTheCheckNamingItsAge() {
    java.time.Instant mined = clock.instant();
    ChainStatusSource stuck = new ChainStatusSource() {
      @Override
      public ChainStatus status() {
        // The RPC keeps answering, with the same head: the chain (or the RPC's view of it) stopped.
        return new ChainStatus(1, Optional.of(new ChainStatus.Head(10, mined)), Optional.of(clock.instant()),
            Optional.empty(), false);
      }

      @Override
      public Duration maxLag() {
        return Duration.ofMinutes(1);
      }

      @Override
      public Optional<ChainReorg> lastDeepReorg() {
        return Optional.empty();
      }

      @Override
      public int confirmations() {
        return 2;
      }
    };
    ChainHealthCheck check = new ChainHealthCheck(stuck, clock);
    assertThat(check.check().level()).isEqualTo(HealthLevel.HEALTHY);
    clock.advance(Duration.ofSeconds(61));
    var result = check.check();
    assertThat(result.level()).isEqualTo(HealthLevel.DEGRADED);
    assertThat(result.detail()).isEqualTo("head 10 is 61 s old, more than 60 s");
  }

  @Test
  void withoutADeepReorgTheChainIsHealthy() {
    assertThat(new ChainHealthCheck(source(Optional.empty()), clock).check().level())
        .isEqualTo(HealthLevel.HEALTHY);
  }
}
