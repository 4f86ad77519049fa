package ai.hanzo.node.storage;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what {@link RecordWriter} wrote. Every length is checked against the bytes that are left
 * before anything is allocated, so a corrupt value fails with {@link MalformedRecordException}
 * instead of a huge allocation or a stray runtime exception.
 */
final class RecordReader {
  private final ByteBuffer buffer;
  private final String type;
  private int version;

  private RecordReader(byte[] bytes, String type) {
    this.buffer = ByteBuffer.wrap(bytes);
    this.type = type;
  }

  /**
   * Starts reading a {@code type} value written by any schema version from {@code oldest} to {@code newest}: a codec
   * whose newer version only appends fields reads older values too, with {@link #version()} saying which fields follow.
   */
  static RecordReader open(byte[] bytes, String type, int oldest, int newest) {
    RecordReader reader = new RecordReader(bytes, type);
    int found = reader.readByte();
    if (found > newest) {
      throw MalformedRecordException.newerVersion(type, found, newest);
    }
    if (found < oldest) {
      throw new MalformedRecordException(type + " has unknown schema version " + found);
    }
    reader.version = found;
    return reader;
  }

  /** The schema version the value was written with. */
  int version() {
    return version;
  }

  /** Starts reading a {@code type} value, refusing schema versions other than {@code version}. */
  static RecordReader open(byte[] bytes, String type, int version) {
    RecordReader reader = new RecordReader(bytes, type);
    int found = reader.readByte();
    if (found > version) {
      throw MalformedRecordException.newerVersion(type, found, version);
    }
    if (found != version) {
      throw new MalformedRecordException(type + " has unknown schema version " + found);
    }
    reader.version = found;
    return reader;
  }

  int readByte() {
    require(1, "a byte");
    return buffer.get() & 0xff;
  }

  int readInt() {
    require(Integer.BYTES, "an int");
    return buffer.getInt();
  }

  long readLong() {
    require(Long.BYTES, "a long");
    return buffer.getLong();
  }

  double readDouble() {
    return Double.longBitsToDouble(readLong());
  }

  boolean readBoolean() {
    int flag = readByte();
    if (flag > 1) {
      throw malformed("a boolean of " + flag);
    }
    return flag == 1;
  }

  /** The element count of a list whose elements take at least {@code minBytesPerElement} each. */
  int readCount(int minBytesPerElement, String what) {
    return readLength(minBytesPerElement, what);
  }

  String readString() {
    int length = readLength(1, "string");
    ByteBuffer slice = buffer.slice().limit(length);
    buffer.position(buffer.position() + length);
    try {
      CharBuffer chars =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(slice);
      return chars.toString();
    } catch (CharacterCodingException e) {
      throw malformed("a string that is not valid UTF-8");
    }
  }

  /** A string that records use as a key: non-empty and free of NUL. */
  String readKey() {
    String key = readString();
    if (key.isEmpty() || key.indexOf('\0') >= 0) {
      throw malformed("an empty key or a key containing NUL");
    }
    return key;
  }

  String readNullableString() {
    return readPresence() ? readString() : null;
  }

  Instant readInstant() {
    long seconds = readLong();
    int nanos = readInt();
    if (nanos < 0 || nanos > 999_999_999) {
      throw malformed("a timestamp with " + nanos + " nanoseconds");
    }
    try {
      return Instant.ofEpochSecond(seconds, nanos);
    } catch (DateTimeException e) {
      throw malformed("a timestamp out of range (" + seconds + " s)");
    }
  }

  Integer readNullableInt() {
    return readPresence() ? readInt() : null;
  }

  Instant readNullableInstant() {
    return readPresence() ? readInstant() : null;
  }

  Map<String, String> readStringMap() {
    int size = readLength(2 * Integer.BYTES, "map");
    Map<String, String> map = new HashMap<>(size * 2);
    for (int i = 0; i < size; i++) {
      String key = readString();
      if (map.put(key, readString()) != null) {
        throw malformed("a map with the key '" + key + "' twice");
      }
    }
    return map;
  }

  List<String> readStringList() {
    int size = readLength(Integer.BYTES, "list");
    List<String> list = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      list.add(readString());
    }
    return list;
  }

  boolean readPresence() {
    int flag = readByte();
    if (flag > 1) {
      throw malformed("a presence flag of " + flag);
    }
    return flag == 1;
  }

  /** Ends reading; bytes left over mean the value is not what the schema says. */
  void finish() {
    if (buffer.hasRemaining()) {
      throw malformed(buffer.remaining() + " unexpected trailing bytes");
    }
  }

  MalformedRecordException malformed(String what) {
    return new MalformedRecordException(type + " is corrupt: found " + what);
  }

  private int readLength(int minBytesPerElement, String what) {
    int length = readInt();
    if (length < 0 || (long) length * minBytesPerElement > buffer.remaining()) {
      throw malformed(
          "a " + what + " of length " + length + " with only " + buffer.remaining()
              + " bytes left");
    }
    return length;
  }

  private void require(int count, String what) {
    if (buffer.remaining() < count) {
      throw malformed("the end of the value where " + what + " was expected");
    }
  }
}
