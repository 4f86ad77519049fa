package ai.hanzo.node.qos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.testing.MutableClock;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Failures corroborate a slash only when enough distinct challengers agree, recently, once. */
class FailureQuorumTest {
  private static final long SEED = 17;
  private final MutableClock clock = new MutableClock();
  private final Ed25519PrivateKey providerKey = QosKeys.key(2);
  private final String provider = QosKeys.peer(providerKey);

  @Test
  void kDistinctChallengersMakeEvidenceAndOneVoiceRepeatedDoesNot() {
    FailureQuorum quorum = new FailureQuorum(3, Duration.ofMinutes(10), 100, clock);
    assertThat(quorum.add(failure(10))).isEmpty();
    assertThat(quorum.add(failure(10))).as("the same challenger again is one voice").isEmpty();
    assertThat(quorum.add(failure(11))).isEmpty();
    SignedResult third = failure(12);
    Optional<SlashEvidence> evidence = quorum.add(third);
    assertThat(evidence).isPresent();
    assertThat(evidence.get().results()).hasSize(3).contains(third);
    assertThat(evidence.get().provider()).isEqualTo(provider);
    java.util.List<SignedResult> reversed = new java.util.ArrayList<>(evidence.get().results());
    java.util.Collections.reverse(reversed);
    assertThat(evidence.get().id()).as("the order does not matter").hasSize(64)
        .isEqualTo(new SlashEvidence(provider, reversed).id());
    assertThat(evidence.get().reason()).contains(evidence.get().id()).hasSizeLessThanOrEqualTo(
        SlashEvidence.MAX_REASON);
    assertThat(quorum.watched()).as("the used failures are forgotten").isZero();
    assertThat(quorum.add(failure(13))).as("the next evidence needs fresh failures").isEmpty();
  }

  @Test
  void oldFailuresAndPassesDoNotCount() {
    FailureQuorum quorum = new FailureQuorum(2, Duration.ofMinutes(10), 100, clock);
    assertThat(quorum.add(failure(10))).isEmpty();
    clock.advance(Duration.ofMinutes(11));
    assertThat(quorum.add(failure(11))).as("the first failure is out of the window").isEmpty();
    assertThat(quorum.add(failure(12))).isPresent();
  }

  @Test
  void watchedProvidersAreBounded() {
    FailureQuorum quorum = new FailureQuorum(2, Duration.ofMinutes(10), 3, clock);
    for (int i = 0; i < 10; i++) {
      Ed25519PrivateKey other = QosKeys.key(100 + i);
      ChallengeIssuer issuer = new ChallengeIssuer(QosKeys.key(10), clock, new Random(SEED + i));
      quorum.add(fail(issuer, QosKeys.peer(other), QosKeys.key(10)));
    }
    assertThat(quorum.watched()).isEqualTo(3);
    assertThatThrownBy(() -> new FailureQuorum(9, Duration.ofMinutes(1), 1, clock))
        .hasMessageContaining("1 to 8");
  }

  private SignedResult failure(long challengerSeed) {
    Ed25519PrivateKey key = QosKeys.key(challengerSeed);
    return fail(new ChallengeIssuer(key, clock, new Random(SEED + challengerSeed + clock.millis())), provider, key);
  }

  private SignedResult fail(ChallengeIssuer issuer, String target, Ed25519PrivateKey key) {
    SignedChallenge c = issuer.issue(ChallengeType.AVAILABILITY, target, 0, Duration.ofSeconds(1));
    return SignedResult.sign(c, Optional.empty(), ChallengeOutcome.failed(c.challenge().id(),
        ChallengeType.AVAILABILITY, Duration.ofSeconds(1), "no answer before the deadline", clock.instant()),
        clock.instant(), key);
  }
}
