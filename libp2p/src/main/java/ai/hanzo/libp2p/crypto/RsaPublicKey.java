package ai.hanzo.libp2p.crypto;

import java.security.interfaces.RSAPublicKey;

/**
 * An RSA public key in PKIX DER, verify-only (PKCS#1 v1.5 with SHA-256). Sizes outside 2048..8192
 * bits are refused, as the peer-id spec and other implementations do.
 */
public final class RsaPublicKey extends PublicKey {
  public static final int MIN_BITS = 2048;
  public static final int MAX_BITS = 8192;

  private final byte[] pkix;
  private final RSAPublicKey jdkKey;

  private RsaPublicKey(byte[] pkix, RSAPublicKey jdkKey) {
    this.pkix = pkix;
    this.jdkKey = jdkKey;
  }

  public static RsaPublicKey fromPkix(byte[] pkix) {
    if (!(JdkSignatures.decodePkix("RSA", pkix) instanceof RSAPublicKey key)) {
      throw new KeyFormatException("not an RSA public key");
    }
    int bits = key.getModulus().bitLength();
    if (bits < MIN_BITS || bits > MAX_BITS) {
      throw new KeyFormatException(
          "RSA key of " + bits + " bits is outside " + MIN_BITS + ".." + MAX_BITS);
    }
    return new RsaPublicKey(pkix.clone(), key);
  }

  @Override
  public KeyType type() {
    return KeyType.RSA;
  }

  @Override
  public byte[] raw() {
    return pkix.clone();
  }

  @Override
  public boolean verify(byte[] data, byte[] signature) {
    return JdkSignatures.verify("SHA256withRSA", jdkKey, data, signature);
  }
}
