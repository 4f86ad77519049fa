package ai.hanzo.node.registry;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;

/** A real Ed25519 key pair from the JDK, as a registering node would hold. */
public record TestKeys(KeyPair pair) {
  public static TestKeys generate() {
    try {
      return new TestKeys(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The raw 32-byte public key (the tail of its X.509 encoding). */
  public byte[] raw() {
    byte[] spki = pair.getPublic().getEncoded();
    return Arrays.copyOfRange(spki, spki.length - 32, spki.length);
  }

  public byte[] libp2p() {
    return Ed25519Keys.libp2pForm(raw());
  }

  public byte[] sign(byte[] message) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(pair.getPrivate());
      s.update(message);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
