package ai.hanzo.node.qos;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;

/**
 * The compute challenge's work function: find a nonce such that SHA-256("hanzo-qos-work/1" || seed || nonce) starts
 * with {@code bits} zero bits. Finding one takes 2^bits hashes on average and cannot start before the random seed is
 * known; checking one takes a single hash, so the challenger's cost does not grow with the difficulty.
 */
public final class PreimageWork {
  private static final byte[] TAG = "hanzo-qos-work/1".getBytes(StandardCharsets.US_ASCII);
  /** How often the search asks whether to stop (a power of two). */
  private static final long CHECK_EVERY = 1 << 14;

  private PreimageWork() {}

  /** Searches nonces from 0 up; empty when {@code stop} said so first (the deadline passed, the node stops). */
  public static OptionalLong solve(byte[] seed, int bits, BooleanSupplier stop) {
    MessageDigest sha = sha256();
    ByteBuffer nonce = ByteBuffer.allocate(8);
    for (long n = 0; n >= 0; n++) {
      if ((n & (CHECK_EVERY - 1)) == 0 && stop.getAsBoolean()) {
        return OptionalLong.empty();
      }
      if (leadingZeroBits(hash(sha, seed, nonce.putLong(0, n).array())) >= bits) {
        return OptionalLong.of(n);
      }
    }
    return OptionalLong.empty();
  }

  /** Whether {@code answer} (8 bytes, big-endian) is a solution for {@code seed} at {@code bits}. */
  public static boolean check(byte[] seed, int bits, byte[] answer) {
    return answer.length == 8 && leadingZeroBits(hash(sha256(), seed, answer)) >= bits;
  }

  public static byte[] encode(long nonce) {
    return ByteBuffer.allocate(8).putLong(nonce).array();
  }

  private static byte[] hash(MessageDigest sha, byte[] seed, byte[] nonce) {
    sha.update(TAG);
    sha.update(seed);
    sha.update(nonce);
    return sha.digest();
  }

  static int leadingZeroBits(byte[] hash) {
    int bits = 0;
    for (byte b : hash) {
      if (b == 0) {
        bits += 8;
      } else {
        return bits + Integer.numberOfLeadingZeros(b & 0xff) - 24;
      }
    }
    return bits;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
