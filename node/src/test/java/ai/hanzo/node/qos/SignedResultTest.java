package ai.hanzo.node.qos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.testing.MutableClock;
import ai.hanzo.testing.RandomCases;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A challenger's signed result: what a third party accepts from its bytes alone, and every way one is forged. */
class SignedResultTest {
  private static final long SEED = 17;
  private final MutableClock clock = new MutableClock();
  private final Ed25519PrivateKey challengerKey = QosKeys.key(1);
  private final Ed25519PrivateKey providerKey = QosKeys.key(2);
  private final Ed25519PrivateKey otherKey = QosKeys.key(3);
  private final String challenger = QosKeys.peer(challengerKey);
  private final String provider = QosKeys.peer(providerKey);
  private final ChallengeIssuer issuer = new ChallengeIssuer(challengerKey, clock, new Random(SEED));
  private final ChallengeResponder responder =
      new ChallengeResponder(providerKey, clock, new ReplayGuard(clock, 1000));

  @Test
  void aPassWithItsProofAndAFailureVerifyFromTheirBytes() {
    SignedResult pass = passed(ChallengeType.COMPUTE, 12);
    byte[] bytes = pass.toBytes();
    assertThat(SignedResult.fromBytes(bytes)).isEqualTo(pass);
    assertThat(ResultVerifier.verify(bytes)).isEqualTo(new Verification(true, false, ""));
    assertThat(pass.outcome().passed()).isTrue();
    assertThat(pass.outcome().roundTrip()).isEqualTo(Duration.ofMillis(3));

    SignedChallenge c = issuer.issue(ChallengeType.AVAILABILITY, provider, 0, Duration.ofSeconds(1));
    SignedResult failure = SignedResult.sign(c, Optional.empty(), ChallengeOutcome.failed(c.challenge().id(),
        ChallengeType.AVAILABILITY, Duration.ofSeconds(1), "no answer before the deadline", clock.instant()),
        clock.instant().plusSeconds(1), challengerKey);
    assertThat(ResultVerifier.verify(failure.toBytes()).valid()).isTrue();
    assertThat(SignedResult.fromBytes(failure.toBytes()).failure()).isEqualTo("no answer before the deadline");
    assertThat(failure.toBytes().length).isLessThan(SignedResult.MAX_BYTES);
  }

  @Test
  void forgedResultsAreRefusedWithTheirReason() {
    SignedResult pass = passed(ChallengeType.AVAILABILITY, 0);
    // A pass with no proof: the challenger's word that a provider answered is not enough.
    SignedResult noProof = SignedResult.sign(pass.challenge(), Optional.empty(), pass.outcome(), clock.instant(),
        challengerKey);
    assertThat(ResultVerifier.verify(noProof).reason()).contains("carries no proof");
    // The proof of another challenge of the same provider.
    SignedResult other = passed(ChallengeType.AVAILABILITY, 0);
    SignedResult swapped = SignedResult.sign(pass.challenge(), other.proof(), pass.outcome(), clock.instant(),
        challengerKey);
    assertThat(ResultVerifier.verify(swapped).reason()).contains("another challenge");
    // Signed by someone other than the challenger.
    assertThatThrownBy(() -> SignedResult.sign(pass.challenge(), pass.proof(), pass.outcome(), clock.instant(),
        otherKey)).isInstanceOf(IllegalArgumentException.class);
    SignedResult impostor = new SignedResult(pass.challenge(), true, pass.proof(), pass.roundTrip(), pass.pingRtt(),
        0, "", pass.reportedAt(), otherKey.sign(pass.signedBytes()));
    assertThat(ResultVerifier.verify(impostor).reason()).contains("not signed by the challenger");
    // A node reporting on itself.
    SignedChallenge self = new ChallengeIssuer(providerKey, clock, new Random(SEED)).issue(
        ChallengeType.AVAILABILITY, provider, 0, Duration.ofSeconds(5));
    SignedResult selfReport = SignedResult.sign(self, Optional.empty(), ChallengeOutcome.failed(
        self.challenge().id(), ChallengeType.AVAILABILITY, Duration.ZERO, "x", clock.instant()), clock.instant(),
        providerKey);
    assertThat(ResultVerifier.verify(selfReport).reason()).contains("challenges of itself");
    // Reported before the challenge was issued.
    SignedResult early = SignedResult.sign(pass.challenge(), pass.proof(), pass.outcome(),
        pass.challenge().challenge().issuedAt().minusSeconds(1), challengerKey);
    assertThat(ResultVerifier.verify(early).reason()).contains("before the challenge was issued");
    assertThat(ResultVerifier.verify(new byte[] {0, 0, 0, 9}).reason()).startsWith("not a signed result");
  }

  @Test
  void anyFlippedByteOrCutEndsInARefusalNeverAThrow() {
    byte[] good = passed(ChallengeType.COMPUTE, 10).toBytes();
    RandomCases.forAll(500, g -> {
      byte[] bad = good.clone();
      if (g.nextBoolean()) {
        int at = g.nextInt(bad.length);
        bad[at] ^= (byte) (1 + g.nextInt(255));
      } else {
        bad = java.util.Arrays.copyOf(bad, g.nextInt(bad.length));
      }
      Verification v = ResultVerifier.verify(bad);
      assertThat(v.valid()).isFalse();
      assertThat(v.reason()).isNotBlank();
    });
  }

  private SignedResult passed(ChallengeType type, long difficulty) {
    SignedChallenge c = issuer.issue(type, provider, difficulty, Duration.ofSeconds(5));
    clock.advance(Duration.ofMillis(2));
    SignedProof proof = responder.respond(c, challenger, () -> false);
    clock.advance(Duration.ofMillis(1));
    ChallengeOutcome outcome = ChallengeOutcome.passed(c.challenge().id(), type, Duration.ofMillis(3),
        Duration.ZERO, 0, clock.instant());
    return SignedResult.sign(c, Optional.of(proof), outcome, clock.instant(), challengerKey);
  }
}
