package ai.hanzo.libp2p.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An ECDSA P-256 private key. Its envelope data is the RFC 5915 {@code ECPrivateKey} DER with the
 * named curve and the public point, the layout Go and js write for P-256 (121 bytes).
 */
public final class EcdsaPrivateKey extends PrivateKey {
  private static final byte[] PREFIX = hex("307702010104" + "20");
  private static final byte[] MIDDLE = hex("a00a06082a8648ce3d030107" + "a144034200" + "04");
  private static final int COORDINATE = 32;
  private static final int LENGTH = PREFIX.length + COORDINATE + MIDDLE.length + 2 * COORDINATE;

  private final ECPrivateKey jdkKey;
  private final EcdsaPublicKey publicKey;

  private EcdsaPrivateKey(ECPrivateKey jdkKey, ECPublicKey jdkPublic) {
    this.jdkKey = jdkKey;
    this.publicKey = new EcdsaPublicKey(jdkPublic.getEncoded(), jdkPublic);
  }

  public static EcdsaPrivateKey generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair pair = generator.generateKeyPair();
      return new EcdsaPrivateKey((ECPrivateKey) pair.getPrivate(), (ECPublicKey) pair.getPublic());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK provides P-256", e);
    }
  }

  static EcdsaPrivateKey fromSec1(byte[] der) {
    int dAt = PREFIX.length;
    int middleAt = dAt + COORDINATE;
    int xAt = middleAt + MIDDLE.length;
    if (der.length != LENGTH
        || !Arrays.equals(der, 0, dAt, PREFIX, 0, PREFIX.length)
        || !Arrays.equals(der, middleAt, xAt, MIDDLE, 0, MIDDLE.length)) {
      throw new KeyFormatException(
          "ECDSA private key is not a P-256 RFC 5915 ECPrivateKey with curve and public key");
    }
    BigInteger d = new BigInteger(1, Arrays.copyOfRange(der, dAt, middleAt));
    BigInteger x = new BigInteger(1, Arrays.copyOfRange(der, xAt, xAt + COORDINATE));
    BigInteger y = new BigInteger(1, Arrays.copyOfRange(der, xAt + COORDINATE, LENGTH));
    try {
      KeyFactory factory = KeyFactory.getInstance("EC");
      ECPrivateKey priv = (ECPrivateKey) factory.generatePrivate(new ECPrivateKeySpec(d, P256.PARAMS));
      ECPublicKey pub = (ECPublicKey) factory.generatePublic(
          new ECPublicKeySpec(new ECPoint(x, y), P256.PARAMS));
      return new EcdsaPrivateKey(priv, pub);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new KeyFormatException("invalid ECDSA P-256 private key", e);
    }
  }

  @Override
  public KeyType type() {
    return KeyType.ECDSA;
  }

  @Override
  public byte[] raw() {
    ECPoint w = publicKey.jdkKey().getW();
    byte[] out = new byte[LENGTH];
    System.arraycopy(PREFIX, 0, out, 0, PREFIX.length);
    putUnsigned(jdkKey.getS(), out, PREFIX.length);
    System.arraycopy(MIDDLE, 0, out, PREFIX.length + COORDINATE, MIDDLE.length);
    int xAt = PREFIX.length + COORDINATE + MIDDLE.length;
    putUnsigned(w.getAffineX(), out, xAt);
    putUnsigned(w.getAffineY(), out, xAt + COORDINATE);
    return out;
  }

  @Override
  public EcdsaPublicKey publicKey() {
    return publicKey;
  }

  @Override
  public byte[] sign(byte[] data) {
    return JdkSignatures.sign("SHA256withECDSA", jdkKey, data);
  }

  private static void putUnsigned(BigInteger value, byte[] out, int offset) {
    byte[] bytes = value.toByteArray();
    int skip = bytes.length > COORDINATE ? bytes.length - COORDINATE : 0;
    int length = bytes.length - skip;
    System.arraycopy(bytes, skip, out, offset + COORDINATE - length, length);
  }

  private static byte[] hex(String text) {
    return HexFormat.of().parseHex(text);
  }
}
