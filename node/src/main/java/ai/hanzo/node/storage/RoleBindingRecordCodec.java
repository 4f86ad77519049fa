package ai.hanzo.node.storage;

/** Schema version 1 of {@link RoleBindingRecord}. */
final class RoleBindingRecordCodec implements RecordCodec<RoleBindingRecord> {
  private static final int VERSION = 1;

  @Override
  public byte[] encode(RoleBindingRecord record) {
    return new RecordWriter(VERSION)
        .writeString(record.subject())
        .writeStringList(record.roles())
        .toByteArray();
  }

  @Override
  public RoleBindingRecord decode(byte[] bytes) {
    RecordReader in = RecordReader.open(bytes, "role binding", VERSION);
    RoleBindingRecord record = new RoleBindingRecord(in.readKey(), in.readStringList());
    in.finish();
    return record;
  }
}
