package ai.hanzo.node.storage;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The byte layout of every key. RocksDB orders keys by unsigned bytes, so numbers are written
 * big-endian with the sign bit flipped: then byte order is numeric order, negatives included.
 *
 * <ul>
 *   <li>text keys (ids, config keys): UTF-8
 *   <li>metric points: series UTF-8, NUL, timestamp (8) — one series is one contiguous, time-ordered
 *       run, and {@code series + 0x01} is the first key after it
 *   <li>log entries (events, audit): timestamp (8), sequence (8)
 * </ul>
 */
final class KeyCodec {
  private static final int LONG = Long.BYTES;
  private static final int DESCRIBED_BYTES = 64;

  private KeyCodec() {}

  static byte[] text(String text) {
    return StoredText.requireWellFormed(text).getBytes(StandardCharsets.UTF_8);
  }

  static String textOf(byte[] key) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(key))
          .toString();
    } catch (CharacterCodingException e) {
      throw new MalformedRecordException("key " + describe(key) + " is not valid UTF-8");
    }
  }

  static byte[] seriesKey(String series, long epochMillis) {
    byte[] name = text(series);
    return ByteBuffer.allocate(name.length + 1 + LONG)
        .put(name)
        .put((byte) 0)
        .putLong(sortable(epochMillis))
        .array();
  }

  /** The first key after every point of {@code series}. */
  static byte[] seriesEnd(String series) {
    byte[] name = text(series);
    return ByteBuffer.allocate(name.length + 1).put(name).put((byte) 1).array();
  }

  static String seriesOf(byte[] key) {
    return textOf(Arrays.copyOf(key, seriesSeparator(key)));
  }

  static long seriesTimestamp(byte[] key) {
    int separator = seriesSeparator(key);
    if (key.length - separator - 1 != LONG) {
      throw new MalformedRecordException("metric key " + describe(key) + " has no timestamp");
    }
    return unsortable(ByteBuffer.wrap(key, separator + 1, LONG).getLong());
  }

  static byte[] logKey(long epochMillis, long sequence) {
    return ByteBuffer.allocate(2 * LONG)
        .putLong(sortable(epochMillis))
        .putLong(sortable(sequence))
        .array();
  }

  static long logSequence(byte[] key) {
    if (key.length != 2 * LONG) {
      throw new MalformedRecordException("log key " + describe(key) + " is not 16 bytes");
    }
    return unsortable(ByteBuffer.wrap(key, LONG, LONG).getLong());
  }

  /** Milliseconds since the epoch, saturating for instants too far out to fit. */
  static long millisOf(Instant instant) {
    try {
      return instant.toEpochMilli();
    } catch (ArithmeticException e) {
      return instant.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /** A key for error messages: text if it is printable, hex otherwise, cut after 64 bytes. */
  static String describe(byte[] key) {
    byte[] shown = Arrays.copyOf(key, Math.min(key.length, DESCRIBED_BYTES));
    String more = key.length > shown.length ? "… (" + key.length + " bytes)" : "";
    boolean printable = shown.length > 0;
    for (byte b : shown) {
      printable &= b >= 0x20 && b < 0x7f;
    }
    return printable
        ? "'" + new String(shown, StandardCharsets.US_ASCII) + "'" + more
        : "0x" + HexFormat.of().formatHex(shown) + more;
  }

  private static int seriesSeparator(byte[] key) {
    for (int i = 0; i < key.length; i++) {
      if (key[i] == 0) {
        return i;
      }
    }
    throw new MalformedRecordException("metric key " + describe(key) + " has no series separator");
  }

  private static long sortable(long value) {
    return value ^ Long.MIN_VALUE;
  }

  private static long unsortable(long value) {
    return value ^ Long.MIN_VALUE;
  }
}
