package ai.hanzo.node.p2p.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The lease rules against a manual clock: when a lease is taken away, when an old target is told, what a release
 * stops.
 */
class LeaseRulesTest {
  private final MutableClock clock = new MutableClock();
  private final LeaseRules rules = new LeaseRules(Duration.ofSeconds(10));

  @Test
  void aLeaseHoldsWhileHeartbeatsArriveAndIsTakenAwayAfterTheTimeoutOfSilence() {
    Instant granted = clock.instant();
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofSeconds(8));
      Instant heartbeat = clock.instant();
      clock.advance(Duration.ofSeconds(2));
      assertThat(rules.expired("node-b", granted, Optional.of(heartbeat), clock.instant())).isEmpty();
    }
    Instant last = clock.instant();
    clock.advance(Duration.ofSeconds(10));
    assertThat(rules.expired("node-b", granted, Optional.of(last), clock.instant())).as("exactly the timeout")
        .isEmpty();
    clock.advance(Duration.ofMillis(1));
    assertThat(rules.expired("node-b", granted, Optional.of(last), clock.instant()))
        .hasValue("node node-b sent no heartbeat for 10 s (lease timeout 10 s)");
  }

  @Test
  void withoutAnyHeartbeatTheTimeoutRunsFromTheGrantOrThePlacingNodesStart() {
    Instant since = clock.instant();
    clock.advance(Duration.ofSeconds(9));
    assertThat(rules.expired("node-b", since, Optional.empty(), clock.instant())).isEmpty();
    clock.advance(Duration.ofSeconds(3));
    assertThat(rules.expired("node-b", since, Optional.empty(), clock.instant())).hasValueSatisfying(why -> assertThat(why).contains("12 s"));
    // A placing node that restarts watches from its start: a heartbeat heard before it counts for nothing more.
    Instant oldHeartbeat = clock.instant().minusSeconds(60);
    Instant restart = clock.instant();
    clock.advance(Duration.ofSeconds(5));
    assertThat(rules.expired("node-b", restart, Optional.of(oldHeartbeat), clock.instant())).isEmpty();
    clock.advance(Duration.ofSeconds(6));
    assertThat(rules.expired("node-b", restart, Optional.of(oldHeartbeat), clock.instant())).isPresent();
  }

  @Test
  void anOldTargetIsToldOnlyAfterAHeartbeatOfItArrivesAfterTheLeaseWasTaken() {
    Instant revoked = clock.instant();
    assertThat(rules.reachableAgain(revoked, Optional.empty())).isFalse();
    assertThat(rules.reachableAgain(revoked, Optional.of(revoked.minusSeconds(1)))).isFalse();
    assertThat(rules.reachableAgain(revoked, Optional.of(revoked))).isFalse();
    clock.advance(Duration.ofMillis(500));
    assertThat(rules.reachableAgain(revoked, Optional.of(clock.instant()))).isTrue();
  }

  @Test
  void aReleaseStopsTheCopyOfItsEpochOrAnOlderOneNeverANewerPlacement() {
    assertThat(LeaseRules.releases(1, 1)).isTrue();
    assertThat(LeaseRules.releases(1, 3)).isTrue();
    assertThat(LeaseRules.releases(4, 3)).isFalse();
  }

  @Test
  void theTimeoutMustBePositive() {
    assertThatThrownBy(() -> new LeaseRules(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LeaseRules(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
  }
}
