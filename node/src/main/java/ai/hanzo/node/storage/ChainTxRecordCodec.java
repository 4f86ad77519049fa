package ai.hanzo.node.storage;

/** Schema version 1 of {@link ChainTxRecord}. */
final class ChainTxRecordCodec implements RecordCodec<ChainTxRecord> {
  private static final int VERSION = 1;

  @Override
  public byte[] encode(ChainTxRecord record) {
    return new RecordWriter(VERSION)
        .writeString(record.hash())
        .writeString(record.from())
        .writeLong(record.nonce())
        .writeString(record.action())
        .writeString(record.valueWei())
        .writeString(record.rawHex())
        .writeString(record.state())
        .writeLong(record.blockNumber())
        .writeString(record.detail())
        .writeInstant(record.createdAt())
        .writeInstant(record.updatedAt())
        .toByteArray();
  }

  @Override
  public ChainTxRecord decode(byte[] bytes) {
    RecordReader in = RecordReader.open(bytes, "chain transaction record", VERSION);
    ChainTxRecord record = new ChainTxRecord(in.readKey(), in.readString(), in.readLong(), in.readString(),
        in.readString(), in.readString(), in.readString(), in.readLong(), in.readString(), in.readInstant(),
        in.readInstant());
    in.finish();
    return record;
  }
}
