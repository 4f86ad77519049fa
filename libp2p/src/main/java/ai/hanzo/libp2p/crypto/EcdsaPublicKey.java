package ai.hanzo.libp2p.crypto;

import java.security.interfaces.ECPublicKey;

/** An ECDSA P-256 public key in PKIX (SubjectPublicKeyInfo) DER; DER signatures over SHA-256. */
public final class EcdsaPublicKey extends PublicKey {
  private final byte[] pkix;
  private final ECPublicKey jdkKey;

  EcdsaPublicKey(byte[] pkix, ECPublicKey jdkKey) {
    this.pkix = pkix;
    this.jdkKey = jdkKey;
  }

  /** Keeps the exact bytes given, since a peer id hashes the key as its owner encoded it. */
  public static EcdsaPublicKey fromPkix(byte[] pkix) {
    if (!(JdkSignatures.decodePkix("EC", pkix) instanceof ECPublicKey key)
        || !P256.isP256(key.getParams())) {
      throw new KeyFormatException("ECDSA public key is not on curve P-256");
    }
    return new EcdsaPublicKey(pkix.clone(), key);
  }

  @Override
  public KeyType type() {
    return KeyType.ECDSA;
  }

  @Override
  public byte[] raw() {
    return pkix.clone();
  }

  ECPublicKey jdkKey() {
    return jdkKey;
  }

  @Override
  public boolean verify(byte[] data, byte[] signature) {
    return JdkSignatures.verify("SHA256withECDSA", jdkKey, data, signature);
  }
}
