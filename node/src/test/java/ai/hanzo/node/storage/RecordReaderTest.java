package ai.hanzo.node.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RecordReaderTest {

  @Test
  void aHugeLengthPrefixFailsBeforeAllocating() {
    byte[] value = new RecordWriter(1).writeInt(Integer.MAX_VALUE).toByteArray();

    assertThatThrownBy(() -> RecordReader.open(value, "thing", 1).readStringMap())
        .isInstanceOf(MalformedRecordException.class)
        .hasMessageContaining("map of length 2147483647");
  }

  @Test
  void aNewerSchemaVersionIsToldApartFromCorruption() {
    byte[] newer = new RecordWriter(3).toByteArray();
    byte[] unknown = new RecordWriter(0).toByteArray();

    assertThatThrownBy(() -> RecordReader.open(newer, "thing", 1))
        .isInstanceOfSatisfying(
            MalformedRecordException.class, e -> assertThat(e.newerVersion()).isTrue());
    assertThatThrownBy(() -> RecordReader.open(unknown, "thing", 1))
        .isInstanceOfSatisfying(
            MalformedRecordException.class, e -> assertThat(e.newerVersion()).isFalse());
  }

  @Test
  void trailingBytesAreCorruption() {
    byte[] value = new RecordWriter(1).writeString("id").writeByte(0).toByteArray();
    RecordReader reader = RecordReader.open(value, "thing", 1);
    reader.readString();

    assertThatThrownBy(reader::finish)
        .isInstanceOf(MalformedRecordException.class)
        .hasMessageContaining("1 unexpected trailing bytes");
  }
}
