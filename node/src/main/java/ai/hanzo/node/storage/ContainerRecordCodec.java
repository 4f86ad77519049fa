package ai.hanzo.node.storage;

/** Schema version 1 of {@link ContainerRecord}. */
final class ContainerRecordCodec implements RecordCodec<ContainerRecord> {
  private static final int VERSION = 1;

  @Override
  public byte[] encode(ContainerRecord record) {
    return new RecordWriter(VERSION)
        .writeString(record.id())
        .writeString(record.deploymentId())
        .writeString(record.service())
        .writeInt(record.replica())
        .writeString(record.runtime())
        .writeNullableString(record.runtimeId())
        .writeString(record.image())
        .writeString(record.state())
        .writeStringMap(record.labels())
        .writeInstant(record.createdAt())
        .writeNullableInstant(record.startedAt())
        .writeLong(record.pid())
        .writeLong(record.pidStartTime())
        .writeNullableInt(record.exitCode())
        .toByteArray();
  }

  @Override
  public ContainerRecord decode(byte[] bytes) {
    RecordReader in = RecordReader.open(bytes, "container record", VERSION);
    ContainerRecord record =
        new ContainerRecord(
            in.readKey(),
            in.readKey(),
            in.readString(),
            in.readInt(),
            in.readString(),
            in.readNullableString(),
            in.readString(),
            in.readString(),
            in.readStringMap(),
            in.readInstant(),
            in.readNullableInstant(),
            in.readLong(),
            in.readLong(),
            in.readNullableInt());
    in.finish();
    return record;
  }
}
