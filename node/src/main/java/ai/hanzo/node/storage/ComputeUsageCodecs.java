package ai.hanzo.node.storage;

/** Schema version 1 of {@link ComputeUsageRecord} and of {@link OpenUsageInterval}. */
final class ComputeUsageCodecs {
  private static final int VERSION = 1;

  private ComputeUsageCodecs() {}

  static final RecordCodec<ComputeUsageRecord> RECORD = new RecordCodec<>() {
    @Override
    public byte[] encode(ComputeUsageRecord r) {
      return new RecordWriter(VERSION)
          .writeInstant(r.start())
          .writeInstant(r.end())
          .writeNullableString(r.org())
          .writeString(r.deploymentId())
          .writeString(r.service())
          .writeInt(r.replica())
          .writeString(r.containerId())
          .writeLong(r.cpuNanos())
          .writeDouble(r.memoryGibSeconds())
          .toByteArray();
    }

    @Override
    public ComputeUsageRecord decode(byte[] bytes) {
      RecordReader in = RecordReader.open(bytes, "compute usage record", VERSION);
      ComputeUsageRecord record = new ComputeUsageRecord(in.readInstant(), in.readInstant(), in.readNullableString(),
          in.readString(), in.readString(), in.readInt(), in.readString(), in.readLong(), in.readDouble());
      in.finish();
      return record;
    }
  };

  static final RecordCodec<OpenUsageInterval> OPEN = new RecordCodec<>() {
    @Override
    public byte[] encode(OpenUsageInterval o) {
      return new RecordWriter(VERSION)
          .writeString(o.containerId())
          .writeNullableString(o.org())
          .writeString(o.deploymentId())
          .writeString(o.service())
          .writeInt(o.replica())
          .writeInstant(o.start())
          .writeInstant(o.lastSample())
          .writeLong(o.lastCpuNanos())
          .writeLong(o.lastMemoryBytes())
          .writeLong(o.cpuNanos())
          .writeDouble(o.memoryGibSeconds())
          .toByteArray();
    }

    @Override
    public OpenUsageInterval decode(byte[] bytes) {
      RecordReader in = RecordReader.open(bytes, "open usage interval", VERSION);
      OpenUsageInterval open = new OpenUsageInterval(in.readString(), in.readNullableString(), in.readString(),
          in.readString(), in.readInt(), in.readInstant(), in.readInstant(), in.readLong(), in.readLong(),
          in.readLong(), in.readDouble());
      in.finish();
      return open;
    }
  };
}
