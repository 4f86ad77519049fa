package ai.hanzo.node.qos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Challenges and proofs between two identities on a hand-moved clock: answering, checking, refusing. */
class ChallengeProofTest {
  private static final long SEED = 17;
  private final MutableClock clock = new MutableClock();
  private final Ed25519PrivateKey challengerKey = QosKeys.key(1);
  private final Ed25519PrivateKey providerKey = QosKeys.key(2);
  private final String challenger = QosKeys.peer(challengerKey);
  private final String provider = QosKeys.peer(providerKey);
  private final ChallengeIssuer issuer = new ChallengeIssuer(challengerKey, clock, new Random(SEED));
  private final ChallengeResponder responder =
      new ChallengeResponder(providerKey, clock, new ReplayGuard(clock, 1000));

  @Test
  void eachTypeIsAnsweredWithAProofAThirdPartyVerifiesFromItsBytes() {
    for (ChallengeType type : ChallengeType.values()) {
      if (type == ChallengeType.MODEL) {
        continue; // needs a model: ModelChallengeTest
      }
      long difficulty = type == ChallengeType.COMPUTE ? 12 : type == ChallengeType.BANDWIDTH ? 4096 : 0;
      SignedChallenge c = issuer.issue(type, provider, difficulty, Duration.ofSeconds(5));
      clock.advance(Duration.ofMillis(10));
      SignedProof proof = responder.respond(c, challenger, () -> false);

      byte[] exported = proof.toBytes();
      assertThat(SignedProof.fromBytes(exported)).isEqualTo(proof);
      assertThat(ProofVerifier.verify(exported)).as(type.label()).isEqualTo(new Verification(true, false, ""));
      assertThat(proof.answer()).hasSize(type == ChallengeType.COMPUTE ? 8 : 0);
    }
  }

  @Test
  void theComputeAnswerMeetsTheDifficultyAndAWrongOneIsRefused() {
    SignedChallenge c = issuer.issue(ChallengeType.COMPUTE, provider, 14, Duration.ofSeconds(30));
    SignedProof proof = responder.respond(c, challenger, () -> false);
    assertThat(PreimageWork.check(c.challenge().seed(), 14, proof.answer())).isTrue();

    long wrongNonce = java.nio.ByteBuffer.wrap(proof.answer()).getLong() + 1;
    while (PreimageWork.check(c.challenge().seed(), 14, PreimageWork.encode(wrongNonce))) {
      wrongNonce++;
    }
    SignedProof wrong = SignedProof.sign(c, PreimageWork.encode(wrongNonce), clock.instant(), providerKey);
    assertThat(ProofVerifier.verify(wrong).reason()).contains("not a solution");
  }

  @Test
  void aTamperedProofOrChallengeFailsVerification() {
    SignedChallenge c = issuer.issue(ChallengeType.AVAILABILITY, provider, 0, Duration.ofSeconds(5));
    SignedProof proof = responder.respond(c, challenger, () -> false);
    byte[] bytes = proof.toBytes();
    Random random = new Random(SEED);
    int refused = 0;
    for (int i = 0; i < 200; i++) {
      byte[] copy = bytes.clone();
      int at = random.nextInt(copy.length);
      copy[at] ^= (byte) (1 << random.nextInt(8));
      Verification v = ProofVerifier.verify(copy);
      assertThat(v.valid()).as("flipped a bit at %d (seed %d)", at, SEED).isFalse();
      refused++;
    }
    assertThat(refused).isEqualTo(200);
  }

  @Test
  void aProofSignedByAnotherKeyIsRefused() {
    SignedChallenge c = issuer.issue(ChallengeType.LATENCY, provider, 0, Duration.ofSeconds(5));
    SignedProof genuine = responder.respond(c, challenger, () -> false);
    Ed25519PrivateKey impostor = QosKeys.key(3);
    SignedProof forged = new SignedProof(c, "", genuine.answeredAt(), impostor.sign(genuine.signedBytes()));
    assertThat(ProofVerifier.verify(forged).reason()).contains("not signed by the provider");
  }

  @Test
  void aForgedChallengeIsRefusedByTheProvider() {
    SignedChallenge genuine = issuer.issue(ChallengeType.AVAILABILITY, provider, 0, Duration.ofSeconds(5));
    Challenge g = genuine.challenge();
    Challenge altered = new Challenge(g.id(), ChallengeType.COMPUTE, 24, g.challenger(), g.provider(), g.seedHex(),
        g.issuedAt(), g.deadline());
    SignedChallenge forged = new SignedChallenge(altered, genuine.signature());
    assertThatThrownBy(() -> responder.respond(forged, challenger, () -> false))
        .isInstanceOfSatisfying(NodeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED))
        .hasMessageContaining("signature");
    assertThat(ProofVerifier.verify(new SignedProof(forged, "", clock.instant(), new byte[64])).reason())
        .contains("not signed by its challenger");
  }

  @Test
  void aReplayedChallengeIsRefusedAndSoIsOneSentByAnotherPeer() {
    SignedChallenge c = issuer.issue(ChallengeType.AVAILABILITY, provider, 0, Duration.ofSeconds(5));
    responder.respond(c, challenger, () -> false);
    assertThatThrownBy(() -> responder.respond(c, challenger, () -> false))
        .isInstanceOfSatisfying(NodeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS));

    SignedChallenge other = issuer.issue(ChallengeType.AVAILABILITY, provider, 0, Duration.ofSeconds(5));
    assertThatThrownBy(() -> responder.respond(other, QosKeys.peer(QosKeys.key(4)), () -> false))
        .isInstanceOfSatisfying(NodeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED));
  }

  @Test
  void anExpiredChallengeIsRefusedAndALateProofIsMarkedLate() {
    SignedChallenge c = issuer.issue(ChallengeType.AVAILABILITY, provider, 0, Duration.ofSeconds(1));
    clock.advance(Duration.ofMillis(1001));
    assertThatThrownBy(() -> responder.respond(c, challenger, () -> false))
        .isInstanceOfSatisfying(NodeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.DEADLINE_EXCEEDED));

    SignedProof late = SignedProof.sign(c, new byte[0], clock.instant(), providerKey);
    assertThat(ProofVerifier.verify(late)).satisfies(v -> {
      assertThat(v.valid()).isFalse();
      assertThat(v.late()).isTrue();
    });
  }

  @Test
  void aChallengeForAnotherProviderOrFromTheFutureIsRefused() {
    SignedChallenge elsewhere =
        issuer.issue(ChallengeType.AVAILABILITY, QosKeys.peer(QosKeys.key(5)), 0, Duration.ofSeconds(5));
    assertThatThrownBy(() -> responder.respond(elsewhere, challenger, () -> false))
        .isInstanceOfSatisfying(NodeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));

    MutableClock ahead = new MutableClock(clock.instant().plus(Duration.ofMinutes(2)));
    SignedChallenge future = new ChallengeIssuer(challengerKey, ahead, new Random(SEED))
        .issue(ChallengeType.AVAILABILITY, provider, 0, Duration.ofSeconds(5));
    assertThatThrownBy(() -> responder.respond(future, challenger, () -> false))
        .hasMessageContaining("in the future");
  }

  @Test
  void computeWorkThatCannotFinishBeforeTheDeadlineIsAbandoned() {
    SignedChallenge c = issuer.issue(ChallengeType.COMPUTE, provider, 24, Duration.ofSeconds(1));
    // The stop signal stands in for the deadline passing during the search.
    assertThatThrownBy(() -> responder.respond(c, challenger, () -> true))
        .isInstanceOfSatisfying(NodeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.DEADLINE_EXCEEDED));
  }

  @Test
  void difficultiesAndWindowsOutOfRangeAreRefusedByName() {
    assertThatThrownBy(() -> issuer.issue(ChallengeType.COMPUTE, provider, 25, Duration.ofSeconds(5)))
        .isInstanceOf(MalformedProofException.class).hasMessageContaining("compute difficulty");
    assertThatThrownBy(() -> issuer.issue(ChallengeType.COMPUTE, provider, 0, Duration.ofSeconds(5)))
        .hasMessageContaining("1 to 24");
    assertThatThrownBy(() -> issuer.issue(ChallengeType.BANDWIDTH, provider, 65L << 20, Duration.ofSeconds(5)))
        .hasMessageContaining("bandwidth bytes");
    assertThatThrownBy(() -> issuer.issue(ChallengeType.LATENCY, provider, 3, Duration.ofSeconds(5)))
        .hasMessageContaining("latency difficulty must be 0");
    assertThatThrownBy(() -> issuer.issue(ChallengeType.LATENCY, provider, 0, Duration.ofMinutes(6)))
        .hasMessageContaining("deadline");
  }

  @Test
  void replayGuardForgetsIdsAfterTheirDeadlineAndHasACapacity() {
    ReplayGuard guard = new ReplayGuard(clock, 2);
    Instant soon = clock.instant().plusSeconds(1);
    assertThat(guard.admit("a", soon)).isEqualTo(ReplayGuard.Admission.FIRST);
    assertThat(guard.admit("b", soon.plusSeconds(10))).isEqualTo(ReplayGuard.Admission.FIRST);
    assertThat(guard.admit("c", soon)).isEqualTo(ReplayGuard.Admission.FULL);
    clock.advance(Duration.ofSeconds(2));
    assertThat(guard.admit("c", clock.instant().plusSeconds(1))).isEqualTo(ReplayGuard.Admission.FIRST);
    assertThat(guard.admit("b", soon)).isEqualTo(ReplayGuard.Admission.REPLAYED);
    assertThat(guard.size()).isEqualTo(2);
  }

  @Test
  void rateLimitCountsPerPeerInASlidingWindow() {
    PeerRateLimit limit = new PeerRateLimit(clock, 3, Duration.ofMinutes(1));
    for (int i = 0; i < 3; i++) {
      assertThat(limit.tryAcquire("p")).isTrue();
      clock.advance(Duration.ofSeconds(10));
    }
    assertThat(limit.tryAcquire("p")).isFalse();
    assertThat(limit.tryAcquire("q")).isTrue();
    clock.advance(Duration.ofSeconds(31));
    assertThat(limit.tryAcquire("p")).isTrue();
    assertThat(limit.tryAcquire("p")).isFalse();
  }
}
