package ai.hanzo.node.storage;

import ai.hanzo.node.storage.RegisteredNodeRecord.Capabilities;
import ai.hanzo.node.storage.RegisteredNodeRecord.Command;
import ai.hanzo.node.storage.RegisteredNodeRecord.Gpu;
import ai.hanzo.node.storage.RegisteredNodeRecord.Metrics;
import ai.hanzo.node.storage.RegisteredNodeRecord.Proof;
import java.util.ArrayList;
import java.util.List;

/** Schema version 1 of {@link RegisteredNodeRecord}. */
final class RegisteredNodeRecordCodec implements RecordCodec<RegisteredNodeRecord> {
  private static final int VERSION = 1;
  // Lower bounds of an encoded element, checked against the bytes left before a list is allocated.
  private static final int MIN_GPU_BYTES = 4 + 8 + 4;
  private static final int MIN_COMMAND_BYTES = 4 + 4 + 4 + 12;

  @Override
  public byte[] encode(RegisteredNodeRecord r) {
    RecordWriter out = new RecordWriter(VERSION)
        .writeString(r.nodeId())
        .writeString(r.publicKeyBase64())
        .writeString(r.operatorAddress())
        .writeString(r.endpoint());
    writeCapabilities(out, r.capabilities());
    out.writeString(r.state())
        .writeInstant(r.registeredAt())
        .writeNullableInstant(r.confirmedAt())
        .writeNullableInstant(r.lastSeen());
    out.writeBoolean(r.lastMetrics() != null);
    if (r.lastMetrics() != null) {
      writeMetrics(out, r.lastMetrics());
    }
    out.writeBoolean(r.pendingProof() != null);
    if (r.pendingProof() != null) {
      Proof p = r.pendingProof();
      out.writeString(p.challengeBase64()).writeInstant(p.expiresAt()).writeString(p.operatorAddress())
          .writeString(p.endpoint());
      writeCapabilities(out, p.capabilities());
    }
    out.writeInt(r.commands().size());
    for (Command c : r.commands()) {
      out.writeString(c.commandId()).writeString(c.kind()).writeString(c.payloadBase64()).writeInstant(c.queuedAt());
    }
    return out.toByteArray();
  }

  @Override
  public RegisteredNodeRecord decode(byte[] bytes) {
    RecordReader in = RecordReader.open(bytes, "registered node record", VERSION);
    RegisteredNodeRecord record = new RegisteredNodeRecord(
        in.readKey(),
        in.readString(),
        in.readString(),
        in.readString(),
        readCapabilities(in),
        in.readString(),
        in.readInstant(),
        in.readNullableInstant(),
        in.readNullableInstant(),
        in.readPresence() ? readMetrics(in) : null,
        in.readPresence() ? readProof(in) : null,
        readCommands(in));
    in.finish();
    return record;
  }

  private static void writeCapabilities(RecordWriter out, Capabilities c) {
    out.writeLong(c.cpuCores()).writeLong(c.memoryBytes()).writeLong(c.diskBytes()).writeInt(c.gpus().size());
    for (Gpu gpu : c.gpus()) {
      out.writeString(gpu.model()).writeLong(gpu.memoryBytes()).writeString(gpu.driverVersion());
    }
    out.writeBoolean(c.mlxEnabled()).writeStringList(c.supportedRuntimes()).writeString(c.region())
        .writeString(c.zone());
  }

  private static Capabilities readCapabilities(RecordReader in) {
    long cpu = in.readLong();
    long memory = in.readLong();
    long disk = in.readLong();
    int gpuCount = in.readCount(MIN_GPU_BYTES, "GPU list");
    List<Gpu> gpus = new ArrayList<>(gpuCount);
    for (int i = 0; i < gpuCount; i++) {
      gpus.add(new Gpu(in.readString(), in.readLong(), in.readString()));
    }
    return new Capabilities(cpu, memory, disk, gpus, in.readBoolean(), in.readStringList(), in.readString(),
        in.readString());
  }

  private static void writeMetrics(RecordWriter out, Metrics m) {
    out.writeInstant(m.timestamp()).writeDouble(m.cpuUsage()).writeDouble(m.memoryUsage())
        .writeDouble(m.diskUsage()).writeLong(m.networkRxBytes()).writeLong(m.networkTxBytes())
        .writeInt(m.activeContainers());
  }

  private static Metrics readMetrics(RecordReader in) {
    return new Metrics(in.readInstant(), in.readDouble(), in.readDouble(), in.readDouble(), in.readLong(),
        in.readLong(), in.readInt());
  }

  private static Proof readProof(RecordReader in) {
    return new Proof(in.readString(), in.readInstant(), in.readString(), in.readString(), readCapabilities(in));
  }

  private static List<Command> readCommands(RecordReader in) {
    int count = in.readCount(MIN_COMMAND_BYTES, "command list");
    List<Command> commands = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      commands.add(new Command(in.readKey(), in.readString(), in.readString(), in.readInstant()));
    }
    return commands;
  }
}
