package ai.hanzo.node.qos;

import ai.hanzo.libp2p.crypto.PrivateKey;
import java.util.Arrays;
import java.util.Objects;

/** A challenge with the challenger's Ed25519 signature over its {@link Challenge#canonical() canonical bytes}. */
public record SignedChallenge(Challenge challenge, byte[] signature) {
  public SignedChallenge {
    Objects.requireNonNull(challenge, "challenge");
    if (signature == null || signature.length != QosLimits.SIGNATURE_BYTES) {
      throw new MalformedProofException("the challenge signature must be " + QosLimits.SIGNATURE_BYTES + " bytes");
    }
    signature = signature.clone();
  }

  /** Signs {@code challenge} with the challenger's key, which must be the key of its challenger PeerId. */
  public static SignedChallenge sign(Challenge challenge, PrivateKey challengerKey) {
    if (!PeerKeys.ed25519Of("challenger", challenge.challenger()).equals(challengerKey.publicKey())) {
      throw new IllegalArgumentException("the key is not the challenger's " + challenge.challenger());
    }
    return new SignedChallenge(challenge, challengerKey.sign(challenge.canonical()));
  }

  /** Whether the signature is the challenger's over this challenge; never throws on a bad key or signature. */
  public boolean signatureValid() {
    try {
      return PeerKeys.ed25519Of("challenger", challenge.challenger()).verify(challenge.canonical(), signature);
    } catch (MalformedProofException e) {
      return false;
    }
  }

  /** The export form (the respond route's {@code challenge}): the canonical bytes and the signature. */
  public byte[] toBytes() {
    return new Canonical.Writer().bytes(challenge.canonical()).bytes(signature).toByteArray();
  }

  /**
   * Reads {@link #toBytes()}; any other input ends in a {@link MalformedProofException} naming the field. Does not
   * check the signature ({@link #signatureValid()} does).
   */
  public static SignedChallenge fromBytes(byte[] bytes) {
    Canonical.Envelope envelope = Canonical.Envelope.read(bytes, "challenge", 2048);
    Canonical.Reader in = new Canonical.Reader(envelope.signed());
    Challenge challenge = Challenge.read(in);
    in.finish("challenge");
    return new SignedChallenge(challenge, envelope.signature());
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedChallenge other && challenge.equals(other.challenge)
        && Arrays.equals(signature, other.signature);
  }

  @Override
  public int hashCode() {
    return 31 * challenge.hashCode() + Arrays.hashCode(signature);
  }

  @Override
  public String toString() {
    return "SignedChallenge[" + challenge + "]";
  }
}
