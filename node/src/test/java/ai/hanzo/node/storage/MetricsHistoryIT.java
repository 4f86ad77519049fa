package ai.hanzo.node.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsHistoryIT extends DatabaseFixture {
  private static final long T0 = START.toEpochMilli();

  @Test
  void queriesOneSeriesInTimeOrderWithinTheRange() {
    MetricsHistory metrics = db().metrics();
    metrics.record("cpu", T0 + 2_000, 2.0);
    metrics.record("cpu", T0, 0.5);
    metrics.record("cpu", Instant.ofEpochMilli(T0 + 1_000), 1.0);
    metrics.record("cpu.total", T0 + 1_000, 99.0);
    metrics.record("cp", T0 + 1_000, 98.0);

    assertThat(metrics.query("cpu", START, START.plusSeconds(2)))
        .containsExactly(new MetricPoint(T0, 0.5), new MetricPoint(T0 + 1_000, 1.0));
    assertThat(metrics.query("cpu", START.plusSeconds(3), START.plusSeconds(9))).isEmpty();
  }

  @Test
  void latestAndSeriesSeeOnlyTheirOwnSeries() {
    MetricsHistory metrics = db().metrics();
    metrics.record("mem", T0, 1.0);
    metrics.record("mem", T0 + 5, 2.0);
    metrics.record("mem2", T0 + 9, 3.0);
    metrics.record("a", T0 + 9, 4.0);

    assertThat(metrics.latest("mem")).contains(new MetricPoint(T0 + 5, 2.0));
    assertThat(metrics.latest("me")).isEmpty();
    assertThat(metrics.latest("zzz")).isEmpty();
    assertThat(metrics.series()).containsExactly("a", "mem", "mem2");
  }

  @Test
  void recordsABatchThatSurvivesReopen() {
    List<MetricSample> samples = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      samples.add(new MetricSample("series-" + (i % 10), T0 + i, i));
    }
    db().metrics().recordAll(samples);

    MetricsHistory metrics = reopen().metrics();
    assertThat(metrics.series()).hasSize(10);
    assertThat(metrics.query("series-3", START, START.plusSeconds(10))).hasSize(100)
        .first().isEqualTo(new MetricPoint(T0 + 3, 3));
  }

  @Test
  void retentionRemovesOnlyPointsOlderThanTheRetention() {
    MetricsHistory metrics = db().metrics();
    for (int hour = 0; hour < 30; hour++) {
      metrics.record("cpu", START.plus(Duration.ofHours(hour)), hour);
      metrics.record("gpu", START.plus(Duration.ofHours(hour)), hour);
    }
    clock.advance(Duration.ofHours(30));

    db().retention().runOnce();

    Instant cutoff = START.plus(Duration.ofHours(6));
    for (String series : List.of("cpu", "gpu")) {
      List<MetricPoint> left = metrics.query(series, Instant.EPOCH, START.plus(Duration.ofDays(2)));
      assertThat(left).hasSize(24);
      assertThat(left.get(0).timestamp()).isEqualTo(cutoff);
    }
  }

  @Test
  void aCorruptPointIsReportedWithItsFamily() throws Exception {
    db().metrics().record("cpu", T0, 1.0);
    closeDb();
    RawRocks.put(dbDir(), "metrics", KeyCodec.seriesKey("cpu", T0 + 1), new byte[] {1, 2, 3});

    assertThatThrownBy(() -> db().metrics().query("cpu", START, START.plusSeconds(1)))
        .isInstanceOfSatisfying(
            StorageException.class,
            e -> {
              assertThat(e.code()).isEqualTo(StorageErrorCode.CORRUPT);
              assertThat(e.getMessage()).contains("'metrics'");
            });
  }
}
