package ai.hanzo.libp2p.crypto;

import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 public key: 32 bytes as RFC 8032 encodes it. Verification uses Bouncy Castle's RFC 8032 code, several
 * times faster than the JDK's Ed25519 (which made signature checks the limit of Gossipsub's message rate).
 */
public final class Ed25519PublicKey extends PublicKey {
  public static final int LENGTH = 32;

  private final byte[] raw;

  private Ed25519PublicKey(byte[] raw) {
    this.raw = raw;
  }

  /** Refuses 32 bytes that do not decode to a point on the curve. */
  public static Ed25519PublicKey fromRaw(byte[] raw) {
    if (raw.length != LENGTH) {
      throw new KeyFormatException("Ed25519 public key must be 32 bytes, got " + raw.length);
    }
    if (!Ed25519.validatePublicKeyPartial(raw, 0)) {
      throw new KeyFormatException("invalid Ed25519 public key: not a point on the curve");
    }
    return new Ed25519PublicKey(raw.clone());
  }

  @Override
  public KeyType type() {
    return KeyType.ED25519;
  }

  @Override
  public byte[] raw() {
    return raw.clone();
  }

  @Override
  public boolean verify(byte[] data, byte[] signature) {
    return signature.length == 64 && Ed25519.verify(signature, 0, raw, 0, data, 0, data.length);
  }
}
