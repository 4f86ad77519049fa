package ai.hanzo.libp2p.multiformats;

import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;

/**
 * Unsigned LEB128 varints as the multiformats spec defines them: at most 9 bytes (63 bits), minimal
 * encoding only, so that every value has exactly one wire form.
 */
public final class Varint {
  /** The multiformats spec caps varints at 9 bytes. */
  public static final int MAX_BYTES = 9;

  private Varint() {}

  /** Number of bytes {@code value} takes on the wire. */
  public static int encodedLength(long value) {
    requireUnsigned(value);
    int n = 1;
    while ((value >>>= 7) != 0) {
      n++;
    }
    return n;
  }

  public static byte[] encode(long value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(encodedLength(value));
    write(value, out);
    return out.toByteArray();
  }

  public static void write(long value, ByteArrayOutputStream out) {
    requireUnsigned(value);
    while ((value & ~0x7FL) != 0) {
      out.write((int) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
  }

  public static void write(long value, ByteBuf out) {
    requireUnsigned(value);
    while ((value & ~0x7FL) != 0) {
      out.writeByte((int) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    out.writeByte((int) value);
  }

  /**
   * Reads a varint from {@code in}. Returns -1 and leaves the reader index untouched when the
   * buffer does not yet hold a complete varint.
   *
   * @throws IllegalArgumentException when the varint is longer than 9 bytes or not minimal
   */
  public static long read(ByteBuf in) {
    int start = in.readerIndex();
    long value = 0;
    for (int i = 0; i < MAX_BYTES; i++) {
      if (!in.isReadable()) {
        in.readerIndex(start);
        return -1;
      }
      int b = in.readUnsignedByte();
      value |= (long) (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        if (b == 0 && i > 0) {
          throw new MultiformatException("varint is not minimally encoded");
        }
        return value;
      }
    }
    throw new MultiformatException("varint longer than " + MAX_BYTES + " bytes");
  }

  /** Decodes a varint at {@code offset} of {@code bytes}; returns {value, bytesRead}. */
  public static long[] decode(byte[] bytes, int offset) {
    return decode(bytes, offset, bytes.length);
  }

  /**
   * Decodes a varint at {@code offset} that must end before {@code end}; returns {value,
   * bytesRead}.
   */
  public static long[] decode(byte[] bytes, int offset, int end) {
    long value = 0;
    for (int i = 0; i < MAX_BYTES; i++) {
      if (offset + i >= end) {
        throw new MultiformatException("truncated varint");
      }
      int b = bytes[offset + i] & 0xFF;
      value |= (long) (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        if (b == 0 && i > 0) {
          throw new MultiformatException("varint is not minimally encoded");
        }
        return new long[] {value, i + 1};
      }
    }
    throw new MultiformatException("varint longer than " + MAX_BYTES + " bytes");
  }

  private static void requireUnsigned(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("varint must be non-negative: " + value);
    }
  }
}
