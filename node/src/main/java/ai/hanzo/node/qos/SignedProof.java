package ai.hanzo.node.qos;

import ai.hanzo.libp2p.crypto.PrivateKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A provider's answer to a signed challenge, with the provider's Ed25519 signature over the canonical bytes of
 * the whole signed challenge, the answer (the nonce of a compute challenge, empty otherwise) and the time the
 * provider answered. It carries the challenge inside, so {@link #toBytes()} is all a third party needs to check it
 * ({@link ProofVerifier}).
 */
public record SignedProof(SignedChallenge challenge, String answerHex, Instant answeredAt, byte[] signature) {
  static final String TAG = "hanzo-qos-proof/1";

  public SignedProof {
    Objects.requireNonNull(challenge, "challenge");
    Objects.requireNonNull(answeredAt, "answeredAt");
    answeredAt = Instant.ofEpochMilli(answeredAt.toEpochMilli());
    if (answerHex == null || answerHex.length() > QosLimits.MAX_ANSWER * 2 || !answerHex.matches("([0-9a-f]{2})*")) {
      throw new MalformedProofException("the answer must be at most " + QosLimits.MAX_ANSWER + " bytes of hex");
    }
    if (signature == null || signature.length != QosLimits.SIGNATURE_BYTES) {
      throw new MalformedProofException("the proof signature must be " + QosLimits.SIGNATURE_BYTES + " bytes");
    }
    signature = signature.clone();
  }

  /** The provider's proof: signs with its key, which must be the key of the challenge's provider PeerId. */
  public static SignedProof sign(SignedChallenge challenge, byte[] answer, Instant answeredAt, PrivateKey providerKey) {
    if (!PeerKeys.ed25519Of("provider", challenge.challenge().provider()).equals(providerKey.publicKey())) {
      throw new IllegalArgumentException("the key is not the provider's " + challenge.challenge().provider());
    }
    String hex = HexFormat.of().formatHex(answer);
    byte[] signed = signedBytes(challenge, hex, Instant.ofEpochMilli(answeredAt.toEpochMilli()));
    return new SignedProof(challenge, hex, answeredAt, providerKey.sign(signed));
  }

  public byte[] answer() {
    return HexFormat.of().parseHex(answerHex);
  }

  /** The bytes the provider signs. */
  public byte[] signedBytes() {
    return signedBytes(challenge, answerHex, answeredAt);
  }

  private static byte[] signedBytes(SignedChallenge c, String answerHex, Instant answeredAt) {
    return new Canonical.Writer().text(TAG).bytes(c.challenge().canonical()).bytes(c.signature())
        .bytes(HexFormat.of().parseHex(answerHex)).int64(answeredAt.toEpochMilli()).toByteArray();
  }

  /** The export form: the signed bytes and the signature, which {@link #fromBytes} reads back. */
  public byte[] toBytes() {
    return new Canonical.Writer().bytes(signedBytes()).bytes(signature).toByteArray();
  }

  /**
   * Reads {@link #toBytes()}; any other input ends in a {@link MalformedProofException} naming the field. Does not
   * check signatures: {@link ProofVerifier} does.
   */
  public static SignedProof fromBytes(byte[] bytes) {
    Canonical.Envelope envelope = Canonical.Envelope.read(bytes, "proof", 4096);
    byte[] signature = envelope.signature();
    Canonical.Reader in = new Canonical.Reader(envelope.signed());
    in.expect(TAG);
    byte[] challengeBytes = in.bytes("challenge", 2048);
    byte[] challengeSignature = in.bytes("challenge signature", QosLimits.SIGNATURE_BYTES);
    byte[] answer = in.bytes("answer", QosLimits.MAX_ANSWER);
    Instant answeredAt = Challenge.instant("answered_at", in.int64("answered_at"));
    in.finish("proof");
    Canonical.Reader c = new Canonical.Reader(challengeBytes);
    Challenge challenge = Challenge.read(c);
    c.finish("challenge");
    return new SignedProof(new SignedChallenge(challenge, challengeSignature), HexFormat.of().formatHex(answer),
        answeredAt, signature);
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedProof other && challenge.equals(other.challenge) && answerHex.equals(other.answerHex)
        && answeredAt.equals(other.answeredAt) && Arrays.equals(signature, other.signature);
  }

  @Override
  public int hashCode() {
    return Objects.hash(challenge, answerHex, answeredAt, Arrays.hashCode(signature));
  }

  @Override
  public String toString() {
    return "SignedProof[" + challenge.challenge().id() + " answered " + answeredAt + "]";
  }
}
