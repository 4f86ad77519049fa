package ai.hanzo.node.qos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.hanzo.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The economics of the issue: the composite, slashes, bans, grace, on a hand-moved clock. */
class ScoreRulesTest {
  private final MutableClock clock = new MutableClock();

  @Test
  void theCompositeIsTheWeightedGeometricMean() {
    assertThat(ScoreRules.composite(1, 1, 1, 1, 1)).isCloseTo(1, within(1e-12));
    double expected = Math.pow(0.5, 0.30) * Math.pow(0.8, 0.20) * Math.pow(0.9, 0.15) * Math.pow(0.7, 0.25)
        * Math.pow(0.6, 0.10);
    assertThat(ScoreRules.composite(0.5, 0.8, 0.9, 0.7, 0.6)).isCloseTo(expected, within(1e-12));
    // Availability weighs more than bandwidth: the same loss costs more there.
    assertThat(ScoreRules.composite(1, 1, 1, 0.5, 1)).isLessThan(ScoreRules.composite(1, 1, 0.5, 1, 1));
    // A zero component counts as the floor, so the composite is low but not stuck at 0.
    assertThat(ScoreRules.composite(0, 1, 1, 1, 1)).isCloseTo(Math.pow(0.01, 0.30), within(1e-12));
  }

  @Test
  void theSlashGrowsByHalfPerConsecutiveFailureUpToTenPercent() {
    assertThat(ScoreRules.slashFor(1)).isCloseTo(0.01, within(1e-12));
    assertThat(ScoreRules.slashFor(2)).isCloseTo(0.015, within(1e-12));
    assertThat(ScoreRules.slashFor(3)).isCloseTo(0.0225, within(1e-12));
    assertThat(ScoreRules.slashFor(6)).isCloseTo(0.01 * Math.pow(1.5, 5), within(1e-12));
    assertThat(ScoreRules.slashFor(7)).isEqualTo(0.10);
    assertThat(ScoreRules.slashFor(50)).isEqualTo(0.10);
  }

  @Test
  void theOnChainShareIsWholeBasisPointsOneAndAHalfTimesPerConsecutiveFailureCappedAtTenPercent() {
    assertThat(java.util.stream.IntStream.rangeClosed(1, 9).map(ScoreRules::slashBpsFor).toArray())
        .containsExactly(100, 150, 225, 337, 506, 759, 1000, 1000, 1000);
    assertThat(ScoreRules.slashBpsFor(0)).as("below 1 counts as the first").isEqualTo(100);
    assertThat(ScoreRules.slashBpsFor(Integer.MAX_VALUE)).isEqualTo(1000);
    for (int n = 1; n <= 40; n++) {
      // Never more than the exact share, and never a basis point less (rounded down once, not per step).
      double exact = ScoreRules.slashFor(n) * 10_000;
      assertThat(ScoreRules.slashBpsFor(n)).as("n=%d", n).isLessThanOrEqualTo((int) Math.ceil(exact))
          .isGreaterThan((int) exact - 1);
      if (n > 1) {
        assertThat(ScoreRules.slashBpsFor(n)).isGreaterThanOrEqualTo(ScoreRules.slashBpsFor(n - 1));
      }
    }
  }

  @Test
  void aCorroboratedSlashRespectsTheGraceAndGrowsWithTheConsecutiveFailuresOfTheState() {
    assertThat(ScoreRules.corroboratedSlashBps(0, 0)).as("a provider never seen is in its grace").isEmpty();
    assertThat(ScoreRules.corroboratedSlashBps(ScoreRules.GRACE, 0)).isEmpty();
    assertThat(ScoreRules.corroboratedSlashBps(ScoreRules.GRACE + 1, 0)).hasValue(100);
    // The consecutive count of a state through its grace, then failures: 1, 2, 3 ... and the shares that follow.
    ProviderState s = ProviderState.fresh("p", clock.instant());
    for (int i = 0; i < ScoreRules.GRACE; i++) {
      s = ScoreRules.apply(s, fail(ChallengeType.AVAILABILITY));
      assertThat(ScoreRules.corroboratedSlashBps(s.challenges(), s.consecutiveFailures())).isEmpty();
    }
    int[] expected = {100, 150, 225, 337, 506, 759, 1000, 1000};
    for (int share : expected) {
      s = ScoreRules.apply(s, fail(ChallengeType.AVAILABILITY));
      assertThat(ScoreRules.corroboratedSlashBps(s.challenges(), s.consecutiveFailures())).hasValue(share);
    }
    s = ScoreRules.apply(s, pass(ChallengeType.AVAILABILITY, 5));
    s = ScoreRules.apply(s, fail(ChallengeType.AVAILABILITY));
    assertThat(ScoreRules.corroboratedSlashBps(s.challenges(), s.consecutiveFailures()))
        .as("a success resets the growth").hasValue(100);
  }

  @Test
  void failuresInTheGraceOfTheFirstThreeChallengesNeitherSlashNorCount() {
    ProviderState s = ProviderState.fresh("p", clock.instant());
    for (int i = 0; i < ScoreRules.GRACE; i++) {
      s = ScoreRules.apply(s, fail(ChallengeType.AVAILABILITY));
    }
    assertThat(s.consecutiveFailures()).isZero();
    assertThat(s.slashedFraction()).isZero();
    assertThat(s.failures()).isEqualTo(3);
    assertThat(s.availability()).isLessThan(1);

    s = ScoreRules.apply(s, fail(ChallengeType.AVAILABILITY));
    assertThat(s.consecutiveFailures()).isEqualTo(1);
    assertThat(s.slashedFraction()).isCloseTo(0.01, within(1e-12));
  }

  @Test
  void fiveConsecutiveFailuresBanFor24HoursAndTwentyForGood() {
    ProviderState s = warm();
    for (int i = 1; i <= 4; i++) {
      s = ScoreRules.apply(s, fail(ChallengeType.LATENCY));
      assertThat(s.bannedAt(clock.instant())).as("after %d failures", i).isFalse();
    }
    s = ScoreRules.apply(s, fail(ChallengeType.LATENCY));
    assertThat(s.consecutiveFailures()).isEqualTo(5);
    assertThat(s.bannedAt(clock.instant())).isTrue();
    assertThat(s.bannedUntil()).isEqualTo(clock.instant().plus(Duration.ofHours(24)));
    assertThat(s.banReason()).contains("5 consecutive").contains("no answer");
    double slashed = 1;
    for (int k = 1; k <= 5; k++) {
      slashed *= 1 - ScoreRules.slashFor(k);
    }
    assertThat(s.slashedFraction()).isCloseTo(1 - slashed, within(1e-12));

    clock.advance(Duration.ofHours(24).plusSeconds(1));
    assertThat(s.bannedAt(clock.instant())).isFalse();
    for (int i = 6; i < 20; i++) {
      s = ScoreRules.apply(s, fail(ChallengeType.AVAILABILITY));
      assertThat(s.permanentBan()).isFalse();
    }
    // The ban had ended when the 6th failure came: still failing renews it from then.
    assertThat(s.bannedAt(clock.instant())).isTrue();
    s = ScoreRules.apply(s, fail(ChallengeType.AVAILABILITY));
    assertThat(s.consecutiveFailures()).isEqualTo(20);
    assertThat(s.permanentBan()).isTrue();
    clock.advance(Duration.ofDays(365));
    assertThat(s.bannedAt(clock.instant())).isTrue();
  }

  @Test
  void aSuccessResetsTheCountButNotTheBan() {
    ProviderState s = warm();
    for (int i = 0; i < 5; i++) {
      s = ScoreRules.apply(s, fail(ChallengeType.AVAILABILITY));
    }
    s = ScoreRules.apply(s, pass(ChallengeType.AVAILABILITY, 5));
    assertThat(s.consecutiveFailures()).isZero();
    assertThat(s.bannedAt(clock.instant())).isTrue();
    for (int i = 0; i < 4; i++) {
      s = ScoreRules.apply(s, fail(ChallengeType.AVAILABILITY));
    }
    assertThat(s.consecutiveFailures()).isEqualTo(4);
    assertThat(s.slashedFraction()).isLessThan(0.2);
  }

  @Test
  void failuresLowerTheCompositeAndSuccessesRaiseItBack() {
    ProviderState s = warm();
    double before = s.composite();
    for (int i = 0; i < 3; i++) {
      s = ScoreRules.apply(s, fail(ChallengeType.LATENCY));
    }
    assertThat(s.composite()).isLessThan(before);
    assertThat(s.latency()).isLessThan(0.6);
    assertThat(s.availability()).isLessThan(0.6);
    assertThat(s.trend()).isNegative();
    double low = s.composite();
    for (int i = 0; i < 3; i++) {
      s = ScoreRules.apply(s, pass(ChallengeType.LATENCY, 5));
    }
    assertThat(s.composite()).isGreaterThan(low);
    assertThat(s.trend()).isPositive();
  }

  @Test
  void latencyAndBandwidthSamplesScaleAgainstTheirReferences() {
    ProviderState s = warm();
    ProviderState slow = s;
    for (int i = 0; i < 30; i++) {
      slow = ScoreRules.apply(slow, ChallengeOutcome.passed("c", ChallengeType.LATENCY, Duration.ofMillis(200),
          Duration.ofMillis(200), 0, clock.instant()));
    }
    assertThat(slow.latency()).isCloseTo(0.25, within(0.01));
    ProviderState thin = s;
    for (int i = 0; i < 30; i++) {
      thin = ScoreRules.apply(thin, ChallengeOutcome.passed("c", ChallengeType.BANDWIDTH, Duration.ofMillis(5),
          Duration.ZERO, 1_250_000, clock.instant()));
    }
    assertThat(thin.bandwidth()).isCloseTo(0.1, within(0.01));
  }

  @Test
  void erraticRoundTripsLowerConsistencyAndConfidenceGrowsWithChallenges() {
    ProviderState steady = warm();
    ProviderState erratic = warm();
    for (int i = 0; i < 20; i++) {
      steady = ScoreRules.apply(steady, pass(ChallengeType.AVAILABILITY, 10));
      erratic = ScoreRules.apply(erratic, pass(ChallengeType.AVAILABILITY, i % 2 == 0 ? 2 : 40));
    }
    assertThat(steady.consistency()).isGreaterThan(0.99);
    assertThat(erratic.consistency()).isLessThan(0.5);
    assertThat(erratic.composite()).isLessThan(steady.composite());
    assertThat(ProviderState.fresh("p", clock.instant()).confidence()).isZero();
    assertThat(steady.confidence()).isGreaterThan(0.8).isLessThan(1);
  }

  /** A provider past its grace, all passed. */
  private ProviderState warm() {
    ProviderState s = ProviderState.fresh("p", clock.instant());
    for (int i = 0; i < ScoreRules.GRACE; i++) {
      s = ScoreRules.apply(s, pass(ChallengeType.AVAILABILITY, 10));
    }
    return s;
  }

  private ChallengeOutcome pass(ChallengeType type, long roundTripMs) {
    clock.advance(Duration.ofSeconds(1));
    return ChallengeOutcome.passed("c", type, Duration.ofMillis(roundTripMs), Duration.ofMillis(roundTripMs),
        20_000_000, clock.instant());
  }

  private ChallengeOutcome fail(ChallengeType type) {
    clock.advance(Duration.ofSeconds(1));
    return ChallengeOutcome.failed("c", type, Duration.ofSeconds(1), "no answer before the deadline",
        clock.instant());
  }
}
