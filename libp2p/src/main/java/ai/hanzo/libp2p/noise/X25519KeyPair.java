package ai.hanzo.libp2p.noise;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import javax.crypto.KeyAgreement;

/** An X25519 key pair with the JDK's XDH; public keys travel as 32 little-endian bytes. */
public final class X25519KeyPair {
  public static final int LENGTH = 32;
  private static final byte[] BASE_POINT = basePoint();

  private final PrivateKey privateKey;
  private final byte[] publicKey;

  private X25519KeyPair(PrivateKey privateKey, byte[] publicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
  }

  public static X25519KeyPair generate() {
    byte[] scalar = new byte[LENGTH];
    new SecureRandom().nextBytes(scalar);
    return fromPrivate(scalar);
  }

  /** Builds the pair from a 32-byte private scalar (clamped by X25519 itself). */
  public static X25519KeyPair fromPrivate(byte[] scalar) {
    try {
      PrivateKey key = KeyFactory.getInstance("XDH")
          .generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, scalar.clone()));
      return new X25519KeyPair(key, agree(key, BASE_POINT));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK provides X25519", e);
    }
  }

  public byte[] publicKey() {
    return publicKey.clone();
  }

  /**
   * The shared secret with {@code remotePublic}.
   *
   * @throws NoiseHandshakeException when the remote key is malformed or of small order
   */
  byte[] dh(byte[] remotePublic) throws NoiseHandshakeException {
    if (remotePublic.length != LENGTH) {
      throw new NoiseHandshakeException("X25519 public key must be 32 bytes");
    }
    try {
      return agree(privateKey, remotePublic);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new NoiseHandshakeException("X25519 agreement failed: " + e.getMessage(), e);
    }
  }

  private static byte[] agree(PrivateKey key, byte[] remotePublic)
      throws GeneralSecurityException {
    byte[] bigEndian = new byte[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      bigEndian[i] = remotePublic[LENGTH - 1 - i];
    }
    // RFC 7748: the top bit of the u-coordinate is ignored.
    bigEndian[0] &= 0x7F;
    PublicKey remote = KeyFactory.getInstance("XDH").generatePublic(
        new XECPublicKeySpec(NamedParameterSpec.X25519, new BigInteger(1, bigEndian)));
    KeyAgreement agreement = KeyAgreement.getInstance("XDH");
    agreement.init(key);
    agreement.doPhase(remote, true);
    return agreement.generateSecret();
  }

  private static byte[] basePoint() {
    byte[] u = new byte[LENGTH];
    u[0] = 9;
    return u;
  }
}
