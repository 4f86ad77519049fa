package ai.hanzo.libp2p.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.util.BigIntegers;

/** A secp256k1 private key: a 32-byte scalar. Signs deterministically (RFC 6979) with low S. */
public final class Secp256k1PrivateKey extends PrivateKey {
  private final BigInteger scalar;
  private final Secp256k1PublicKey publicKey;

  private Secp256k1PrivateKey(BigInteger scalar) {
    this.scalar = scalar;
    this.publicKey = new Secp256k1PublicKey(Secp256k1Curve.DOMAIN.getG().multiply(scalar));
  }

  public static Secp256k1PrivateKey generate() {
    SecureRandom random = new SecureRandom();
    byte[] bytes = new byte[32];
    while (true) {
      random.nextBytes(bytes);
      BigInteger d = new BigInteger(1, bytes);
      if (d.signum() > 0 && d.compareTo(Secp256k1Curve.DOMAIN.getN()) < 0) {
        return new Secp256k1PrivateKey(d);
      }
    }
  }

  public static Secp256k1PrivateKey fromRaw(byte[] raw) {
    if (raw.length != 32) {
      throw new KeyFormatException("secp256k1 private key must be 32 bytes, got " + raw.length);
    }
    BigInteger d = new BigInteger(1, raw);
    if (d.signum() == 0 || d.compareTo(Secp256k1Curve.DOMAIN.getN()) >= 0) {
      throw new KeyFormatException("secp256k1 private key is out of range");
    }
    return new Secp256k1PrivateKey(d);
  }

  @Override
  public KeyType type() {
    return KeyType.SECP256K1;
  }

  @Override
  public byte[] raw() {
    return BigIntegers.asUnsignedByteArray(32, scalar);
  }

  @Override
  public Secp256k1PublicKey publicKey() {
    return publicKey;
  }

  @Override
  public byte[] sign(byte[] data) {
    ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
    signer.init(true, new ECPrivateKeyParameters(scalar, Secp256k1Curve.DOMAIN));
    BigInteger[] rs = signer.generateSignature(Secp256k1Curve.sha256(data));
    BigInteger s = rs[1].compareTo(Secp256k1Curve.HALF_ORDER) > 0
        ? Secp256k1Curve.DOMAIN.getN().subtract(rs[1])
        : rs[1];
    return Secp256k1Curve.encodeSignature(rs[0], s);
  }
}
