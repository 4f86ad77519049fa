package ai.hanzo.libp2p.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;

/** Signing and verifying through JDK providers, with bad input reported as a failed check. */
final class JdkSignatures {
  private JdkSignatures() {}

  static boolean verify(
      String algorithm, java.security.PublicKey key, byte[] data, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(key);
      verifier.update(data);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  static byte[] sign(String algorithm, java.security.PrivateKey key, byte[] data) {
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(data);
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " signing failed", e);
    }
  }

  static java.security.PublicKey decodePkix(String keyAlgorithm, byte[] der) {
    try {
      return KeyFactory.getInstance(keyAlgorithm).generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new KeyFormatException("invalid PKIX " + keyAlgorithm + " public key", e);
    }
  }
}
