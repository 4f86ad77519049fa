package ai.hanzo.libp2p.crypto;

import java.math.BigInteger;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;

/** A secp256k1 public key: a 33-byte compressed point; signatures are DER ECDSA over SHA-256. */
public final class Secp256k1PublicKey extends PublicKey {
  private final byte[] raw;
  private final ECPoint point;

  Secp256k1PublicKey(ECPoint point) {
    this.point = point.normalize();
    this.raw = this.point.getEncoded(true);
  }

  public static Secp256k1PublicKey fromRaw(byte[] raw) {
    if (raw.length != 33) {
      throw new KeyFormatException(
          "secp256k1 public key must be 33 bytes (compressed point), got " + raw.length);
    }
    try {
      ECPoint point = Secp256k1Curve.DOMAIN.getCurve().decodePoint(raw);
      if (point.isInfinity() || !point.isValid()) {
        throw new KeyFormatException("secp256k1 public key is not a valid curve point");
      }
      return new Secp256k1PublicKey(point);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new KeyFormatException("invalid secp256k1 public key: " + e.getMessage(), e);
    }
  }

  @Override
  public KeyType type() {
    return KeyType.SECP256K1;
  }

  @Override
  public byte[] raw() {
    return raw.clone();
  }

  @Override
  public boolean verify(byte[] data, byte[] signature) {
    BigInteger[] rs = Secp256k1Curve.decodeSignature(signature);
    if (rs == null) {
      return false;
    }
    ECDSASigner verifier = new ECDSASigner();
    verifier.init(false, new ECPublicKeyParameters(point, Secp256k1Curve.DOMAIN));
    return verifier.verifySignature(Secp256k1Curve.sha256(data), rs[0], rs[1]);
  }
}
