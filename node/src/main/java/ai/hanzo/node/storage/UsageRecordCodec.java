package ai.hanzo.node.storage;

import java.time.Duration;

/** Schema version 1 of {@link UsageRecord}. */
final class UsageRecordCodec implements RecordCodec<UsageRecord> {
  private static final int VERSION = 1;

  @Override
  public byte[] encode(UsageRecord r) {
    return new RecordWriter(VERSION)
        .writeInstant(r.time())
        .writeString(r.requestId())
        .writeString(r.model())
        .writeString(r.subject())
        .writeNullableString(r.org())
        .writeString(r.api())
        .writeInt(r.promptTokens())
        .writeInt(r.completionTokens())
        .writeString(r.finishReason())
        .writeLong(r.duration().toNanos())
        .toByteArray();
  }

  @Override
  public UsageRecord decode(byte[] bytes) {
    RecordReader in = RecordReader.open(bytes, "usage record", VERSION);
    UsageRecord record = new UsageRecord(in.readInstant(), in.readString(), in.readString(), in.readString(),
        in.readNullableString(), in.readString(), in.readInt(), in.readInt(), in.readString(),
        Duration.ofNanos(in.readLong()));
    in.finish();
    return record;
  }
}
