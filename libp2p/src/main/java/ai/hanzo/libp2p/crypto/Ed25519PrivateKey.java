package ai.hanzo.libp2p.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;

/**
 * An Ed25519 private key held as its 32-byte RFC 8032 seed. Marshals as seed followed by public
 * key (64 bytes), the form every libp2p implementation writes.
 */
public final class Ed25519PrivateKey extends PrivateKey {
  public static final int SEED_LENGTH = 32;

  private final byte[] seed;
  private final java.security.PrivateKey jdkKey;
  private final Ed25519PublicKey publicKey;

  private Ed25519PrivateKey(byte[] seed, KeyPair pair) {
    this.seed = seed;
    this.jdkKey = pair.getPrivate();
    this.publicKey = Ed25519PublicKey.fromJdk((EdECPublicKey) pair.getPublic());
  }

  public static Ed25519PrivateKey generate() {
    byte[] seed = new byte[SEED_LENGTH];
    new SecureRandom().nextBytes(seed);
    return fromSeed(seed);
  }

  public static Ed25519PrivateKey fromSeed(byte[] seed) {
    if (seed.length != SEED_LENGTH) {
      throw new KeyFormatException("Ed25519 seed must be 32 bytes, got " + seed.length);
    }
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
      generator.initialize(NamedParameterSpec.ED25519, new FixedSecureRandom(seed));
      return new Ed25519PrivateKey(seed.clone(), generator.generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK provides Ed25519", e);
    }
  }

  /** Reads the envelope's data: seed + public key (64 bytes), checking the two agree. */
  static Ed25519PrivateKey fromRaw(byte[] raw) {
    if (raw.length != SEED_LENGTH + Ed25519PublicKey.LENGTH) {
      throw new KeyFormatException(
          "Ed25519 private key must be 64 bytes (seed + public key), got " + raw.length);
    }
    byte[] seed = Arrays.copyOfRange(raw, 0, SEED_LENGTH);
    Ed25519PrivateKey key = fromSeed(seed);
    byte[] embedded = Arrays.copyOfRange(raw, SEED_LENGTH, raw.length);
    if (!MessageDigest.isEqual(embedded, key.publicKey.raw())) {
      throw new KeyFormatException("Ed25519 private key's public half does not match its seed");
    }
    return key;
  }

  @Override
  public KeyType type() {
    return KeyType.ED25519;
  }

  @Override
  public byte[] raw() {
    byte[] out = new byte[SEED_LENGTH + Ed25519PublicKey.LENGTH];
    System.arraycopy(seed, 0, out, 0, SEED_LENGTH);
    System.arraycopy(publicKey.raw(), 0, out, SEED_LENGTH, Ed25519PublicKey.LENGTH);
    return out;
  }

  public byte[] seed() {
    return seed.clone();
  }

  @Override
  public Ed25519PublicKey publicKey() {
    return publicKey;
  }

  @Override
  public byte[] sign(byte[] data) {
    return JdkSignatures.sign("Ed25519", jdkKey, data);
  }
}
