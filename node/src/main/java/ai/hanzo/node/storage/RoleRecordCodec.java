package ai.hanzo.node.storage;

/** Schema version 1 of {@link RoleRecord}. */
final class RoleRecordCodec implements RecordCodec<RoleRecord> {
  private static final int VERSION = 1;

  @Override
  public byte[] encode(RoleRecord record) {
    return new RecordWriter(VERSION)
        .writeString(record.name())
        .writeStringList(record.permissions())
        .writeStringList(record.inherits())
        .toByteArray();
  }

  @Override
  public RoleRecord decode(byte[] bytes) {
    RecordReader in = RecordReader.open(bytes, "role", VERSION);
    RoleRecord record = new RoleRecord(in.readKey(), in.readStringList(), in.readStringList());
    in.finish();
    return record;
  }
}
