package ai.hanzo.node.storage;

/** Schema version 1 of {@link DeploymentRecord}. */
final class DeploymentRecordCodec implements RecordCodec<DeploymentRecord> {
  private static final int VERSION = 1;

  @Override
  public byte[] encode(DeploymentRecord record) {
    return new RecordWriter(VERSION)
        .writeString(record.id())
        .writeString(record.name())
        .writeString(record.specJson())
        .writeStringMap(record.environment())
        .writeStringMap(record.labels())
        .writeString(record.desiredState())
        .writeLong(record.generation())
        .writeInstant(record.createdAt())
        .writeInstant(record.updatedAt())
        .toByteArray();
  }

  @Override
  public DeploymentRecord decode(byte[] bytes) {
    RecordReader in = RecordReader.open(bytes, "deployment record", VERSION);
    DeploymentRecord record =
        new DeploymentRecord(
            in.readKey(),
            in.readString(),
            in.readString(),
            in.readStringMap(),
            in.readStringMap(),
            in.readString(),
            in.readLong(),
            in.readInstant(),
            in.readInstant());
    in.finish();
    return record;
  }
}
