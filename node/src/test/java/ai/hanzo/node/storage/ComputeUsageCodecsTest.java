package ai.hanzo.node.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Compute usage written before GPU and network metering (schema version 1) still reads after the upgrade: a closed
 * interval with no GPU-seconds and no network bytes, an open one whose network counters are unreported (so the next
 * sample takes them as its base instead of counting a container's whole traffic into one interval).
 */
class ComputeUsageCodecsTest {
  private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
  private static final Instant END = Instant.parse("2026-03-01T10:30:00Z");

  @Test
  void aVersionOneRecordReadsWithNoGpuAndNoNetwork() {
    // the layout of version 1, as ComputeUsageCodecs.RECORD wrote it at 2e39aa6
    byte[] v1 = new RecordWriter(1).writeInstant(START).writeInstant(END).writeNullableString("acme")
        .writeString("dep").writeString("web").writeInt(2).writeString("c1").writeLong(5_000_000_000L)
        .writeDouble(0.75).toByteArray();

    ComputeUsageRecord r = ComputeUsageCodecs.RECORD.decode(v1);

    assertThat(r).isEqualTo(new ComputeUsageRecord(START, END, "acme", "dep", "web", 2, "c1", 5_000_000_000L, 0.75,
        0, 0, 0));
  }

  @Test
  void aVersionOneOpenIntervalReadsWithItsNetworkCountersUnreported() {
    byte[] v1 = new RecordWriter(1).writeString("c1").writeNullableString(null).writeString("dep")
        .writeString("web").writeInt(0).writeInstant(START).writeInstant(END).writeLong(9L).writeLong(1024L)
        .writeLong(7L).writeDouble(1.5).toByteArray();

    OpenUsageInterval o = ComputeUsageCodecs.OPEN.decode(v1);

    assertThat(o).isEqualTo(new OpenUsageInterval("c1", null, "dep", "web", 0, START, END, 9, 1024, 7, 1.5, 0,
        OpenUsageInterval.UNREPORTED, OpenUsageInterval.UNREPORTED, 0, 0));
  }

  @Test
  void versionTwoRoundTrips() {
    ComputeUsageRecord r = new ComputeUsageRecord(START, END, null, "dep", "web", 1, "c1", 3, 0.5, 3600, 1 << 20,
        4096);
    assertThat(ComputeUsageCodecs.RECORD.decode(ComputeUsageCodecs.RECORD.encode(r))).isEqualTo(r);
    OpenUsageInterval o = new OpenUsageInterval("c1", "acme", "dep", "web", 1, START, END, 3, 4, 5, 0.5, 7.25, 100,
        200, 10, 20);
    assertThat(ComputeUsageCodecs.OPEN.decode(ComputeUsageCodecs.OPEN.encode(o))).isEqualTo(o);
  }

  @Test
  void aVersionFromTheFutureOrATruncatedValueIsRefused() {
    byte[] v3 = new RecordWriter(3).writeInstant(START).toByteArray();
    assertThatThrownBy(() -> ComputeUsageCodecs.RECORD.decode(v3)).isInstanceOf(MalformedRecordException.class);
    byte[] v2 = ComputeUsageCodecs.RECORD.encode(new ComputeUsageRecord(START, END, null, "d", "s", 0, "c", 1, 1));
    byte[] truncated = java.util.Arrays.copyOf(v2, v2.length - 8);
    assertThatThrownBy(() -> ComputeUsageCodecs.RECORD.decode(truncated))
        .isInstanceOf(MalformedRecordException.class);
  }
}
