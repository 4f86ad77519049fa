package ai.hanzo.node.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.hanzo.node.storage.ComputeUsageRecord;
import ai.hanzo.node.storage.NodeDatabase;
import ai.hanzo.node.storage.StorageOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GPU-seconds and network bytes over a real RocksDB, the clock being the samples' own instants: GPU-seconds are the
 * assigned GPUs times wall time, split at hour boundaries like CPU; network counters split in proportion, a reset
 * counter of a running container counts anew, a stopped container's zeros count nothing, an unreported counter
 * becomes the base once reported; a reopened database (a {@code kill -9} after a saved sample) neither loses nor
 * counts twice; the search, the Prometheus counters and the totals agree.
 */
class GpuAndNetworkMeterIT {
  private static final Instant T0 = Instant.parse("2026-03-01T10:59:00Z");
  private static final Instant HOUR = Instant.parse("2026-03-01T11:00:00Z");
  private static final long NONE = ContainerSample.UNREPORTED;

  @TempDir Path dir;
  private NodeDatabase db;
  private SimpleMeterRegistry meters;

  @BeforeEach
  void open() {
    db = NodeDatabase.open(StorageOptions.defaults(dir));
    meters = new SimpleMeterRegistry();
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void gpuSecondsAreAssignedGpusTimesWallTimeSplitAtTheHourAndSurviveAReopen() {
    ComputeMeter meter = new ComputeMeter(db.computeUsage(), meters);
    meter.record(List.of(sample("g1", T0, 2, NONE, NONE, true)), Set.of("g1"));
    meter.record(List.of(sample("g1", T0.plusSeconds(90), 2, NONE, NONE, true)), Set.of("g1"));

    assertThat(closed()).singleElement().satisfies(r -> {
      assertThat(r.end()).isEqualTo(HOUR);
      assertThat(r.gpuSeconds()).isCloseTo(120, within(1e-9));
    });

    // the node dies after that sample was saved; the reopened meter takes the open interval up where it was
    db.close();
    db = NodeDatabase.open(StorageOptions.defaults(dir));
    meter = new ComputeMeter(db.computeUsage(), meters);
    meter.record(List.of(sample("g1", T0.plusSeconds(150), 2, NONE, NONE, true)), Set.of("g1"));

    UsagePage hours = search().find(query(Granularity.HOUR));
    assertThat(hours.compute()).extracting(ComputeUsageRow::gpuSeconds)
        .containsExactly(120.0, 180.0);
    UsagePage total = search().find(query(Granularity.TOTAL));
    assertThat(total.compute()).singleElement().satisfies(row -> {
      assertThat(row.gpuSeconds()).isCloseTo(300, within(1e-9));
      assertThat(row.rxBytes()).isZero();
    });
    assertThat(meters.get("hanzo.usage.gpu.seconds").tag("deployment", "d1").counter().count())
        .isCloseTo(300, within(1e-9));
  }

  @Test
  void aContainerWithoutGpusMetersNoGpuSeconds() {
    ComputeMeter meter = new ComputeMeter(db.computeUsage(), meters);
    meter.record(List.of(sample("c1", T0.plusSeconds(30), 0, NONE, NONE, true)), Set.of("c1"));
    assertThat(search().find(query(Granularity.TOTAL)).compute()).singleElement()
        .satisfies(row -> assertThat(row.gpuSeconds()).isZero());
  }

  @Test
  void networkCountersSplitInProportionAndAResetCountsAnewWithoutNegatives() {
    ComputeMeter meter = new ComputeMeter(db.computeUsage(), meters);
    // from the container's start (counters at zero) to 11:01: half of 1200 bytes falls before 11:00
    meter.record(List.of(sample("n1", T0.plusSeconds(120), 0, 1200, 400, true)), Set.of("n1"));
    assertThat(closed()).singleElement().satisfies(r -> {
      assertThat(r.rxBytes()).isEqualTo(600);
      assertThat(r.txBytes()).isEqualTo(200);
    });
    // the container restarted in a new network namespace: its counter went down, all of it is new
    meter.record(List.of(sample("n1", T0.plusSeconds(180), 0, 50, 10, true)), Set.of("n1"));
    // it stopped, and the runtime answers zeros: nothing, and no negative
    meter.record(List.of(sample("n1", T0.plusSeconds(200), 0, 0, 0, false)), Set.of("n1"));

    ComputeUsageRow total = search().find(query(Granularity.TOTAL)).compute().get(0);
    assertThat(total.rxBytes()).isEqualTo(1250);
    assertThat(total.txBytes()).isEqualTo(410);
    assertThat(meters.get("hanzo.usage.network.receive.bytes").tag("deployment", "d1").counter().count())
        .isEqualTo(1250);
    assertThat(meters.get("hanzo.usage.network.transmit.bytes").tag("deployment", "d1").counter().count())
        .isEqualTo(410);
  }

  @Test
  void aCounterFirstReportedLateIsTheBaseNotUsage() {
    ComputeMeter meter = new ComputeMeter(db.computeUsage(), meters);
    meter.record(List.of(sample("u1", T0.plusSeconds(10), 0, NONE, NONE, true)), Set.of("u1"));
    meter.record(List.of(sample("u1", T0.plusSeconds(20), 0, 5000, 5000, true)), Set.of("u1"));
    meter.record(List.of(sample("u1", T0.plusSeconds(30), 0, NONE, NONE, true)), Set.of("u1"));
    meter.record(List.of(sample("u1", T0.plusSeconds(40), 0, 5100, 5001, true)), Set.of("u1"));

    ComputeUsageRow total = search().find(query(Granularity.TOTAL)).compute().get(0);
    assertThat(total.rxBytes()).isEqualTo(100);
    assertThat(total.txBytes()).isEqualTo(1);
  }

  private List<ComputeUsageRecord> closed() {
    return db.computeUsage().endingBetween(Instant.EPOCH, T0.plusSeconds(7200), null, 10);
  }

  private UsageSearch search() {
    return new UsageSearch(db.usage(), db.computeUsage(), new UsageRecorder(db.usage(), meters));
  }

  private static UsageQuery query(Granularity granularity) {
    return new UsageQuery(T0.minusSeconds(3600), T0.plusSeconds(7200), null, null, 10, null, UsageScope.ALL, null,
        granularity);
  }

  private static ContainerSample sample(String id, Instant at, int gpus, long rx, long tx, boolean running) {
    return new ContainerSample(id, null, "d1", "web", 0, T0, at, running, 0, 0, gpus, rx, tx);
  }
}
