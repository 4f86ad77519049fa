package ai.hanzo.libp2p.crypto;

import java.security.SecureRandom;

/**
 * Hands a JDK key-pair generator a chosen secret: the JDK derives a public key only while
 * generating, and its generators draw exactly the private key bytes from their random source.
 */
final class FixedSecureRandom extends SecureRandom {
  private final byte[] bytes;
  private boolean used;

  FixedSecureRandom(byte[] bytes) {
    this.bytes = bytes.clone();
  }

  @Override
  public void nextBytes(byte[] out) {
    if (used || out.length != bytes.length) {
      throw new IllegalStateException("fixed secret requested twice or with another length");
    }
    used = true;
    System.arraycopy(bytes, 0, out, 0, out.length);
  }
}
