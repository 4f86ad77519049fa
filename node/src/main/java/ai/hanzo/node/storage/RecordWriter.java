package ai.hanzo.node.storage;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the versioned binary encoding shared by all record codecs: a schema-version byte, then
 * fields in a fixed order, numbers big-endian. Strings are length-prefixed UTF-8 (not {@code writeUTF}, which stops at
 * 64 KiB); maps are written sorted so equal records always encode to equal bytes.
 */
final class RecordWriter {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);

  RecordWriter(int schemaVersion) {
    writeByte(schemaVersion);
  }

  RecordWriter writeByte(int value) {
    bytes.write(value);
    return this;
  }

  RecordWriter writeInt(int value) {
    for (int shift = 24; shift >= 0; shift -= 8) {
      bytes.write(value >>> shift);
    }
    return this;
  }

  RecordWriter writeLong(long value) {
    return writeInt((int) (value >>> 32)).writeInt((int) value);
  }

  RecordWriter writeString(String value) {
    byte[] utf8 = StoredText.requireWellFormed(value).getBytes(StandardCharsets.UTF_8);
    writeInt(utf8.length);
    bytes.writeBytes(utf8);
    return this;
  }

  RecordWriter writeDouble(double value) {
    return writeLong(Double.doubleToRawLongBits(value));
  }

  RecordWriter writeBoolean(boolean value) {
    return writeByte(value ? 1 : 0);
  }

  RecordWriter writeNullableString(String value) {
    writeByte(value == null ? 0 : 1);
    return value == null ? this : writeString(value);
  }

  RecordWriter writeNullableInt(Integer value) {
    writeByte(value == null ? 0 : 1);
    return value == null ? this : writeInt(value);
  }

  RecordWriter writeInstant(Instant value) {
    return writeLong(value.getEpochSecond()).writeInt(value.getNano());
  }

  RecordWriter writeNullableInstant(Instant value) {
    writeByte(value == null ? 0 : 1);
    return value == null ? this : writeInstant(value);
  }

  RecordWriter writeStringMap(Map<String, String> map) {
    writeInt(map.size());
    new TreeMap<>(map).forEach((key, value) -> writeString(key).writeString(value));
    return this;
  }

  RecordWriter writeStringList(List<String> list) {
    writeInt(list.size());
    list.forEach(this::writeString);
    return this;
  }

  byte[] toByteArray() {
    return bytes.toByteArray();
  }
}
