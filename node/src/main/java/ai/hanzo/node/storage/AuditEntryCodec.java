package ai.hanzo.node.storage;

/** Schema version 1 of {@link AuditEntry}. */
final class AuditEntryCodec implements RecordCodec<AuditEntry> {
  private static final int VERSION = 1;

  @Override
  public byte[] encode(AuditEntry entry) {
    return new RecordWriter(VERSION)
        .writeInstant(entry.timestamp())
        .writeString(entry.principal())
        .writeString(entry.action())
        .writeString(entry.resource())
        .writeString(entry.outcome())
        .writeNullableString(entry.remote())
        .writeStringMap(entry.details())
        .toByteArray();
  }

  @Override
  public AuditEntry decode(byte[] bytes) {
    RecordReader in = RecordReader.open(bytes, "audit entry", VERSION);
    AuditEntry entry =
        new AuditEntry(
            in.readInstant(),
            in.readString(),
            in.readString(),
            in.readString(),
            in.readString(),
            in.readNullableString(),
            in.readStringMap());
    in.finish();
    return entry;
  }
}
