package ai.hanzo.libp2p.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;

/** secp256k1 domain parameters and the DER form of ECDSA signatures (Bouncy Castle). */
final class Secp256k1Curve {
  static final ECDomainParameters DOMAIN;
  static final BigInteger HALF_ORDER;

  static {
    X9ECParameters params = CustomNamedCurves.getByName("secp256k1");
    DOMAIN = new ECDomainParameters(params.getCurve(), params.getG(), params.getN(), params.getH());
    HALF_ORDER = params.getN().shiftRight(1);
  }

  private Secp256k1Curve() {}

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always provides SHA-256", e);
    }
  }

  static byte[] encodeSignature(BigInteger r, BigInteger s) {
    try {
      return new DERSequence(new ASN1Integer[] {new ASN1Integer(r), new ASN1Integer(s)})
          .getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new IllegalStateException("DER encoding of two integers cannot fail", e);
    }
  }

  /** Returns {r, s}, or null when {@code der} is not a strict DER pair of integers in range. */
  static BigInteger[] decodeSignature(byte[] der) {
    try {
      ASN1Primitive primitive = ASN1Primitive.fromByteArray(der);
      if (!(primitive instanceof ASN1Sequence seq) || seq.size() != 2
          || !Arrays.equals(primitive.getEncoded(ASN1Encoding.DER), der)) {
        return null;
      }
      BigInteger r = ASN1Integer.getInstance(seq.getObjectAt(0)).getValue();
      BigInteger s = ASN1Integer.getInstance(seq.getObjectAt(1)).getValue();
      boolean inRange = r.signum() > 0 && s.signum() > 0
          && r.compareTo(DOMAIN.getN()) < 0 && s.compareTo(DOMAIN.getN()) < 0;
      return inRange ? new BigInteger[] {r, s} : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
