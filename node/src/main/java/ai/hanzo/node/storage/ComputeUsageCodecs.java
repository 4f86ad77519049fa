package ai.hanzo.node.storage;

/**
 * Schema versions of {@link ComputeUsageRecord} and of {@link OpenUsageInterval}. Version 2 appends GPU-seconds and
 * network bytes to version 1's fields; values written by version 1 (before an upgrade) still read, with no GPU time
 * and no network bytes, and an open interval's network counters unreported so the next sample takes them as its base
 * rather than counting everything since the container started into one interval.
 */
final class ComputeUsageCodecs {
  private static final int FIRST = 1;
  private static final int VERSION = 2;

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
          .writeDouble(r.gpuSeconds())
          .writeLong(r.rxBytes())
          .writeLong(r.txBytes())
          .toByteArray();
    }

    @Override
    public ComputeUsageRecord decode(byte[] bytes) {
      RecordReader in = RecordReader.open(bytes, "compute usage record", FIRST, VERSION);
      ComputeUsageRecord record = new ComputeUsageRecord(in.readInstant(), in.readInstant(), in.readNullableString(),
          in.readString(), in.readString(), in.readInt(), in.readString(), in.readLong(), in.readDouble(),
          in.version() >= 2 ? in.readDouble() : 0, in.version() >= 2 ? in.readLong() : 0,
          in.version() >= 2 ? in.readLong() : 0);
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
          .writeDouble(o.gpuSeconds())
          .writeLong(o.lastRxBytes())
          .writeLong(o.lastTxBytes())
          .writeLong(o.rxBytes())
          .writeLong(o.txBytes())
          .toByteArray();
    }

    @Override
    public OpenUsageInterval decode(byte[] bytes) {
      RecordReader in = RecordReader.open(bytes, "open usage interval", FIRST, VERSION);
      String containerId = in.readString();
      String org = in.readNullableString();
      String deploymentId = in.readString();
      String service = in.readString();
      int replica = in.readInt();
      var start = in.readInstant();
      var lastSample = in.readInstant();
      long lastCpu = in.readLong();
      long lastMemory = in.readLong();
      long cpu = in.readLong();
      double memory = in.readDouble();
      OpenUsageInterval open = in.version() >= 2
          ? new OpenUsageInterval(containerId, org, deploymentId, service, replica, start, lastSample, lastCpu,
              lastMemory, cpu, memory, in.readDouble(), in.readLong(), in.readLong(), in.readLong(), in.readLong())
          : new OpenUsageInterval(containerId, org, deploymentId, service, replica, start, lastSample, lastCpu,
              lastMemory, cpu, memory);
      in.finish();
      return open;
    }
  };
}
