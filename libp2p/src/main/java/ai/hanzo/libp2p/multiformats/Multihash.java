package ai.hanzo.libp2p.multiformats;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * A self-describing hash: {@code varint(code) varint(length) digest}. Only the two functions
 * libp2p peer ids use are supported: identity (0x00) and sha2-256 (0x12).
 */
public final class Multihash {
  public static final int IDENTITY = 0x00;
  public static final int SHA2_256 = 0x12;
  private static final int SHA2_256_LENGTH = 32;
  /** Inline identity digests larger than this are refused: no libp2p key needs more. */
  public static final int MAX_IDENTITY_LENGTH = 1024;

  private final int code;
  private final byte[] digest;

  private Multihash(int code, byte[] digest) {
    this.code = code;
    this.digest = digest;
  }

  public static Multihash of(int code, byte[] digest) {
    validate(code, digest.length);
    return new Multihash(code, digest.clone());
  }

  public static Multihash identity(byte[] data) {
    return of(IDENTITY, data);
  }

  public static Multihash sha256(byte[] data) {
    try {
      return new Multihash(SHA2_256, MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always provides SHA-256", e);
    }
  }

  /** Parses bytes that hold exactly one multihash. */
  public static Multihash fromBytes(byte[] bytes) {
    return fromBytes(bytes, 0, bytes.length);
  }

  /** Parses exactly one multihash occupying {@code bytes[offset, offset + length)}. */
  public static Multihash fromBytes(byte[] bytes, int offset, int length) {
    int end = offset + length;
    long[] code = Varint.decode(bytes, offset, end);
    int pos = offset + (int) code[1];
    long[] size = Varint.decode(bytes, pos, end);
    pos += (int) size[1];
    if (code[0] > Integer.MAX_VALUE || size[0] != end - pos) {
      throw new MultiformatException(
          "multihash declares a " + size[0] + "-byte digest but " + (end - pos) + " bytes follow");
    }
    validate((int) code[0], (int) size[0]);
    return new Multihash((int) code[0], Arrays.copyOfRange(bytes, pos, end));
  }

  private static void validate(int code, int length) {
    if (code == SHA2_256 && length != SHA2_256_LENGTH) {
      throw new MultiformatException("sha2-256 multihash digest must be 32 bytes, got " + length);
    }
    if (code == IDENTITY && length > MAX_IDENTITY_LENGTH) {
      throw new MultiformatException(
          "identity multihash digest of " + length + " bytes exceeds " + MAX_IDENTITY_LENGTH);
    }
    if (code != SHA2_256 && code != IDENTITY) {
      throw new MultiformatException(
          "unsupported multihash code 0x" + Integer.toHexString(code) + " (supported: 0x00, 0x12)");
    }
  }

  public int code() {
    return code;
  }

  public byte[] digest() {
    return digest.clone();
  }

  public byte[] toBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(digest.length + 4);
    Varint.write(code, out);
    Varint.write(digest.length, out);
    out.writeBytes(digest);
    return out.toByteArray();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Multihash other && code == other.code && Arrays.equals(digest, other.digest);
  }

  @Override
  public int hashCode() {
    return 31 * code + Arrays.hashCode(digest);
  }

  @Override
  public String toString() {
    return Base58.encode(toBytes());
  }
}
