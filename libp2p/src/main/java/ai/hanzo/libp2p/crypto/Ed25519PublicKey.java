package ai.hanzo.libp2p.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;

/** An Ed25519 public key: 32 bytes as RFC 8032 encodes it, verified with the JDK. */
public final class Ed25519PublicKey extends PublicKey {
  public static final int LENGTH = 32;

  private final byte[] raw;
  private final java.security.PublicKey jdkKey;

  private Ed25519PublicKey(byte[] raw, java.security.PublicKey jdkKey) {
    this.raw = raw;
    this.jdkKey = jdkKey;
  }

  public static Ed25519PublicKey fromRaw(byte[] raw) {
    if (raw.length != LENGTH) {
      throw new KeyFormatException("Ed25519 public key must be 32 bytes, got " + raw.length);
    }
    byte[] littleEndianY = raw.clone();
    boolean xOdd = (littleEndianY[LENGTH - 1] & 0x80) != 0;
    littleEndianY[LENGTH - 1] &= 0x7F;
    BigInteger y = new BigInteger(1, reverse(littleEndianY));
    try {
      java.security.PublicKey key = KeyFactory.getInstance("Ed25519")
          .generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, new EdECPoint(xOdd, y)));
      return new Ed25519PublicKey(raw.clone(), key);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new KeyFormatException("invalid Ed25519 public key", e);
    }
  }

  static Ed25519PublicKey fromJdk(EdECPublicKey key) {
    EdECPoint point = key.getPoint();
    byte[] bigEndianY = point.getY().toByteArray();
    byte[] raw = new byte[LENGTH];
    for (int i = 0; i < LENGTH && i < bigEndianY.length; i++) {
      raw[i] = bigEndianY[bigEndianY.length - 1 - i];
    }
    if (point.isXOdd()) {
      raw[LENGTH - 1] |= (byte) 0x80;
    }
    return new Ed25519PublicKey(raw, key);
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
    return signature.length == 64 && JdkSignatures.verify("Ed25519", jdkKey, data, signature);
  }

  private static byte[] reverse(byte[] bytes) {
    byte[] out = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      out[i] = bytes[bytes.length - 1 - i];
    }
    return out;
  }
}
