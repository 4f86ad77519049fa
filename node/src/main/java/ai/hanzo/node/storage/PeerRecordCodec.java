package ai.hanzo.node.storage;

/** Schema version 1 of {@link PeerRecord}. */
final class PeerRecordCodec implements RecordCodec<PeerRecord> {
  private static final int VERSION = 1;

  @Override
  public byte[] encode(PeerRecord record) {
    return new RecordWriter(VERSION)
        .writeString(record.peerId())
        .writeStringList(record.addresses())
        .writeStringList(record.protocols())
        .writeNullableString(record.publicKeyBase64())
        .writeInstant(record.lastSeen())
        .toByteArray();
  }

  @Override
  public PeerRecord decode(byte[] bytes) {
    RecordReader in = RecordReader.open(bytes, "peer record", VERSION);
    PeerRecord record =
        new PeerRecord(
            in.readKey(),
            in.readStringList(),
            in.readStringList(),
            in.readNullableString(),
            in.readInstant());
    in.finish();
    return record;
  }
}
