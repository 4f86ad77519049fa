package ai.hanzo.node.storage;

/**
 * Schema version 1 of {@link QosProviderRecord} and {@link QosChallengeRecord}, version 2 of {@link
 * QosEvidenceRecord} (which appends the slash share; version 1 is still read).
 */
final class QosRecordCodecs {
  private QosRecordCodecs() {}

  static final class Provider implements RecordCodec<QosProviderRecord> {
    private static final int VERSION = 1;

    @Override
    public byte[] encode(QosProviderRecord r) {
      RecordWriter w = new RecordWriter(VERSION).writeString(r.provider()).writeDouble(r.compute())
          .writeDouble(r.latency()).writeDouble(r.bandwidth()).writeDouble(r.availability())
          .writeDouble(r.consistency()).writeDouble(r.composite()).writeDouble(r.confidence()).writeDouble(r.trend())
          .writeLong(r.challenges()).writeLong(r.failures()).writeInt(r.consecutiveFailures())
          .writeDouble(r.slashedFraction()).writeBoolean(r.bannedUntil() != null);
      if (r.bannedUntil() != null) {
        w.writeInstant(r.bannedUntil());
      }
      return w.writeBoolean(r.permanentBan()).writeString(r.banReason()).writeDouble(r.latencyMeanMs())
          .writeDouble(r.latencyVarMs2()).writeInstant(r.updatedAt()).toByteArray();
    }

    @Override
    public QosProviderRecord decode(byte[] bytes) {
      RecordReader in = RecordReader.open(bytes, "qos provider record", VERSION);
      QosProviderRecord r = new QosProviderRecord(in.readKey(), in.readDouble(), in.readDouble(), in.readDouble(),
          in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), in.readLong(),
          in.readLong(), in.readInt(), in.readDouble(), in.readBoolean() ? in.readInstant() : null,
          in.readBoolean(), in.readString(), in.readDouble(), in.readDouble(), in.readInstant());
      in.finish();
      return r;
    }
  }

  static final class Challenge implements RecordCodec<QosChallengeRecord> {
    private static final int VERSION = 1;

    @Override
    public byte[] encode(QosChallengeRecord r) {
      return new RecordWriter(VERSION).writeString(r.id()).writeString(r.type()).writeString(r.provider())
          .writeString(r.challenger()).writeLong(r.difficulty()).writeInstant(r.issuedAt())
          .writeInstant(r.deadline()).writeBoolean(r.passed()).writeString(r.failure()).writeLong(r.roundTripNanos())
          .writeLong(r.pingRttNanos()).writeLong(r.bytesPerSecond()).writeInstant(r.finishedAt())
          .writeNullableString(r.proofBase64()).toByteArray();
    }

    @Override
    public QosChallengeRecord decode(byte[] bytes) {
      RecordReader in = RecordReader.open(bytes, "qos challenge record", VERSION);
      QosChallengeRecord r = new QosChallengeRecord(in.readKey(), in.readString(), in.readString(),
          in.readString(), in.readLong(), in.readInstant(), in.readInstant(), in.readBoolean(), in.readString(),
          in.readLong(), in.readLong(), in.readLong(), in.readInstant(), in.readNullableString());
      in.finish();
      return r;
    }
  }

  static final class Evidence implements RecordCodec<QosEvidenceRecord> {
    private static final int VERSION = 2;

    @Override
    public byte[] encode(QosEvidenceRecord r) {
      return new RecordWriter(VERSION).writeString(r.id()).writeString(r.provider()).writeString(r.operator())
          .writeString(r.reason()).writeInstant(r.createdAt()).writeStringList(r.challengeIds())
          .writeStringList(r.resultsBase64()).writeInt(r.shareBps()).toByteArray();
    }

    @Override
    public QosEvidenceRecord decode(byte[] bytes) {
      RecordReader in = RecordReader.open(bytes, "qos evidence record", 1, VERSION);
      QosEvidenceRecord r = new QosEvidenceRecord(in.readKey(), in.readString(), in.readString(), in.readString(),
          in.readInstant(), in.readStringList(), in.readStringList(),
          in.version() >= 2 ? in.readInt() : QosEvidenceRecord.V1_SHARE_BPS);
      in.finish();
      return r;
    }
  }
}
