package ai.hanzo.libp2p.crypto;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 private key held as its 32-byte RFC 8032 seed. Marshals as seed followed by public
 * key (64 bytes), the form every libp2p implementation writes.
 */
public final class Ed25519PrivateKey extends PrivateKey {
  public static final int SEED_LENGTH = 32;

  private final byte[] seed;
  private final Ed25519PublicKey publicKey;

  private Ed25519PrivateKey(byte[] seed) {
    this.seed = seed;
    byte[] publicRaw = new byte[Ed25519PublicKey.LENGTH];
    Ed25519.generatePublicKey(seed, 0, publicRaw, 0);
    this.publicKey = Ed25519PublicKey.fromRaw(publicRaw);
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
    return new Ed25519PrivateKey(seed.clone());
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
    // Bouncy Castle's RFC 8032 code, as for verification (see Ed25519PublicKey).
    byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
    Ed25519.sign(seed, 0, data, 0, data.length, signature, 0);
    return signature;
  }
}
