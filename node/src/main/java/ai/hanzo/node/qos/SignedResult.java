package ai.hanzo.node.qos;

import ai.hanzo.libp2p.crypto.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one challenge as its challenger reports it to the network, signed with the challenger's Ed25519
 * key: the signed challenge, whether it passed, the provider's proof (required when it passed), what the
 * challenger measured and when it reported. {@link #toBytes()} is the gossip payload and all a third party needs
 * to check it offline ({@link ResultVerifier}): the challenger vouches for the measurements and for a failure, the
 * provider's own signature for a pass.
 */
public record SignedResult(SignedChallenge challenge, boolean passed, Optional<SignedProof> proof,
    Duration roundTrip, Duration pingRtt, long bytesPerSecond, String failure, Instant reportedAt,
    byte[] signature) {
  static final String TAG = "hanzo-qos-result/1";
  /** The export form's largest size: a proof (at most 4 KiB plus its signature) and the rest. */
  public static final int MAX_BYTES = 6 * 1024;
  static final int MAX_FAILURE = 512;
  private static final int MAX_PROOF = 4096 + 2 * QosLimits.SIGNATURE_BYTES;

  public SignedResult {
    Objects.requireNonNull(challenge, "challenge");
    Objects.requireNonNull(proof, "proof");
    Objects.requireNonNull(roundTrip, "roundTrip");
    Objects.requireNonNull(pingRtt, "pingRtt");
    Objects.requireNonNull(reportedAt, "reportedAt");
    reportedAt = Instant.ofEpochMilli(reportedAt.toEpochMilli());
    if (roundTrip.isNegative() || pingRtt.isNegative() || bytesPerSecond < 0) {
      throw new MalformedProofException("round trip, ping and bytes per second must not be negative");
    }
    if (failure == null || failure.length() > MAX_FAILURE) {
      throw new MalformedProofException("the failure must be at most " + MAX_FAILURE + " characters");
    }
    if (signature == null || signature.length != QosLimits.SIGNATURE_BYTES) {
      throw new MalformedProofException("the result signature must be " + QosLimits.SIGNATURE_BYTES + " bytes");
    }
    signature = signature.clone();
  }

  /** The challenger's report: signs with its key, which must be the key of the challenge's challenger PeerId. */
  public static SignedResult sign(SignedChallenge challenge, Optional<SignedProof> proof, ChallengeOutcome outcome,
      Instant reportedAt, PrivateKey challengerKey) {
    if (!PeerKeys.ed25519Of("challenger", challenge.challenge().challenger()).equals(challengerKey.publicKey())) {
      throw new IllegalArgumentException("the key is not the challenger's " + challenge.challenge().challenger());
    }
    String failure = outcome.failure().length() > MAX_FAILURE ? outcome.failure().substring(0, MAX_FAILURE)
        : outcome.failure();
    Instant at = Instant.ofEpochMilli(reportedAt.toEpochMilli());
    byte[] signed = signedBytes(challenge, outcome.passed(), proof, outcome.roundTrip(), outcome.pingRtt(),
        outcome.bytesPerSecond(), failure, at);
    return new SignedResult(challenge, outcome.passed(), proof, outcome.roundTrip(), outcome.pingRtt(),
        outcome.bytesPerSecond(), failure, at, challengerKey.sign(signed));
  }

  /** The bytes the challenger signs. */
  public byte[] signedBytes() {
    return signedBytes(challenge, passed, proof, roundTrip, pingRtt, bytesPerSecond, failure, reportedAt);
  }

  private static byte[] signedBytes(SignedChallenge c, boolean passed, Optional<SignedProof> proof,
      Duration roundTrip, Duration pingRtt, long bytesPerSecond, String failure, Instant reportedAt) {
    return new Canonical.Writer().text(TAG).bytes(c.challenge().canonical()).bytes(c.signature())
        .int32(passed ? 1 : 0).bytes(proof.map(SignedProof::toBytes).orElse(new byte[0]))
        .int64(roundTrip.toNanos()).int64(pingRtt.toNanos()).int64(bytesPerSecond).text(failure)
        .int64(reportedAt.toEpochMilli()).toByteArray();
  }

  /** The outcome this result reports, as the challenger observed it. */
  public ChallengeOutcome outcome() {
    Challenge c = challenge.challenge();
    return new ChallengeOutcome(c.id(), c.type(), passed, roundTrip, pingRtt, bytesPerSecond, failure, reportedAt);
  }

  /** The export form (and gossip payload): the signed bytes and the signature, which {@link #fromBytes} reads. */
  public byte[] toBytes() {
    return new Canonical.Writer().bytes(signedBytes()).bytes(signature).toByteArray();
  }

  /**
   * Reads {@link #toBytes()}; any other input ends in a {@link MalformedProofException} naming the field. Does not
   * check signatures: {@link ResultVerifier} does.
   */
  public static SignedResult fromBytes(byte[] bytes) {
    if (bytes.length > MAX_BYTES) {
      throw new MalformedProofException("a result is at most " + MAX_BYTES + " bytes, this is " + bytes.length);
    }
    Canonical.Envelope envelope = Canonical.Envelope.read(bytes, "result", MAX_BYTES);
    byte[] signature = envelope.signature();
    Canonical.Reader in = new Canonical.Reader(envelope.signed());
    in.expect(TAG);
    byte[] challengeBytes = in.bytes("challenge", 2048);
    byte[] challengeSignature = in.bytes("challenge signature", QosLimits.SIGNATURE_BYTES);
    int passed = in.int32("passed");
    if (passed != 0 && passed != 1) {
      throw new MalformedProofException("passed must be 0 or 1, was " + passed);
    }
    byte[] proofBytes = in.bytes("proof", MAX_PROOF);
    long roundTrip = in.int64("round_trip");
    long pingRtt = in.int64("ping_rtt");
    long bytesPerSecond = in.int64("bytes_per_second");
    String failure = in.text("failure", MAX_FAILURE * 4);
    Instant reportedAt = Challenge.instant("reported_at", in.int64("reported_at"));
    in.finish("result");
    Canonical.Reader c = new Canonical.Reader(challengeBytes);
    Challenge challenge = Challenge.read(c);
    c.finish("challenge");
    Optional<SignedProof> proof = proofBytes.length == 0 ? Optional.empty()
        : Optional.of(SignedProof.fromBytes(proofBytes));
    return new SignedResult(new SignedChallenge(challenge, challengeSignature), passed == 1, proof,
        Duration.ofNanos(roundTrip), Duration.ofNanos(pingRtt), bytesPerSecond, failure, reportedAt, signature);
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedResult other && challenge.equals(other.challenge) && passed == other.passed
        && proof.equals(other.proof) && roundTrip.equals(other.roundTrip) && pingRtt.equals(other.pingRtt)
        && bytesPerSecond == other.bytesPerSecond && failure.equals(other.failure)
        && reportedAt.equals(other.reportedAt) && Arrays.equals(signature, other.signature);
  }

  @Override
  public int hashCode() {
    return Objects.hash(challenge, passed, proof, roundTrip, pingRtt, bytesPerSecond, failure, reportedAt,
        Arrays.hashCode(signature));
  }

  @Override
  public String toString() {
    return "SignedResult[" + challenge.challenge().id() + (passed ? " passed" : " failed") + " reported "
        + reportedAt + "]";
  }
}
