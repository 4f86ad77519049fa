package ai.hanzo.node.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.hanzo.node.storage.ComputeUsageRecord;
import ai.hanzo.node.storage.NodeDatabase;
import ai.hanzo.node.storage.StorageOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compute meter over a real RocksDB: intervals split at hour boundaries in proportion, a reopened database takes
 * up each open interval where the last sample left it (nothing lost, nothing counted twice), a counter that went
 * down is a restart, a container the runtime could not read keeps its interval, a stopped container's last counters
 * count (and zeros from a runtime that lost them count nothing), a container that is gone closes it; the search sums
 * them per hour, day and in total within the caller's scope.
 */
class ComputeMeterIT {
  private static final long SEED = Long.getLong("hanzo.test.seed", System.nanoTime());
  private static final Instant T0 = Instant.parse("2026-03-01T10:59:00Z");
  private static final long SECOND = 1_000_000_000L;
  private static final long GIB = 1L << 30;

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
  void anIntervalCrossingAnHourIsSplitInProportion() {
    ComputeMeter meter = new ComputeMeter(db.computeUsage(), meters);
    meter.record(List.of(sample("c1", T0, T0, 0, GIB)), Set.of("c1"));
    // 30 CPU-seconds and 1 GiB over 10:59 to 11:01: half of each falls in the hour that ends at 11:00
    meter.record(List.of(sample("c1", T0, T0.plusSeconds(120), 30 * SECOND, GIB)), Set.of("c1"));

    List<ComputeUsageRecord> closed = db.computeUsage().endingBetween(Instant.EPOCH, T0.plusSeconds(3600), null, 10);
    assertThat(closed).singleElement().satisfies(r -> {
      assertThat(r.start()).isEqualTo(T0);
      assertThat(r.end()).isEqualTo(Instant.parse("2026-03-01T11:00:00Z"));
      assertThat(r.cpuNanos()).isEqualTo(15 * SECOND);
      assertThat(r.memoryGibSeconds()).isCloseTo(60, within(1e-9));
    });
    assertThat(db.computeUsage().openIntervals()).singleElement().satisfies(o -> {
      assertThat(o.start()).isEqualTo(Instant.parse("2026-03-01T11:00:00Z"));
      assertThat(o.cpuNanos()).isEqualTo(15 * SECOND);
      assertThat(o.lastCpuNanos()).isEqualTo(30 * SECOND);
    });
    assertThat(meters.get("hanzo.usage.cpu.seconds").tag("deployment", "d1").counter().count())
        .isCloseTo(30, within(1e-9));
  }

  @Test
  void aReopenedDatabaseTakesUpTheOpenIntervalsWithoutLossOrDoubleCounting() {
    System.out.println("ComputeMeterIT seed " + SEED + " (-Dhanzo.test.seed to replay)");
    Random random = new Random(SEED);
    long cpu = 0;
    Instant at = T0;
    ComputeMeter meter = new ComputeMeter(db.computeUsage(), meters);
    meter.record(List.of(sample("c1", T0, at, cpu, GIB)), Set.of("c1"));
    for (int i = 0; i < 400; i++) {
      at = at.plusMillis(1 + random.nextInt(30_000));
      cpu += random.nextInt(2) * (long) random.nextInt(10) * SECOND / 3;
      meter.record(List.of(sample("c1", T0, at, cpu, GIB)), Set.of("c1"));
      if (random.nextInt(40) == 0) {
        // the node restarts (a meter exists only in memory); what it saved is all the next one knows
        db.close();
        db = NodeDatabase.open(StorageOptions.defaults(dir));
        meter = new ComputeMeter(db.computeUsage(), meters);
        at = at.plus(Duration.ofSeconds(random.nextInt(600))); // and the container runs on while it is down
      }
    }
    double total = sum(search().find(query(T0.minusSeconds(3600), at.plusSeconds(3600), Granularity.TOTAL)));
    assertThat(total).isCloseTo(cpu / 1e9, within(1e-6));
  }

  @Test
  void aCounterThatWentDownIsARestartAnUnreadContainerKeepsItsIntervalAndAStoppedOneIsReadOnce() {
    ComputeMeter meter = new ComputeMeter(db.computeUsage(), meters);
    meter.record(List.of(sample("c1", T0, T0, 0, 0)), Set.of("c1"));
    meter.record(List.of(sample("c1", T0, T0.plusSeconds(10), 8 * SECOND, 0)), Set.of("c1"));
    meter.record(List.of(), Set.of("c1")); // present, but the runtime could not read it this time
    assertThat(db.computeUsage().openIntervals()).singleElement()
        .satisfies(o -> assertThat(o.cpuNanos()).isEqualTo(8 * SECOND));
    meter.record(List.of(sample("c1", T0, T0.plusSeconds(20), 3 * SECOND, 0)), Set.of("c1"));
    assertThat(db.computeUsage().openIntervals()).singleElement()
        .satisfies(o -> assertThat(o.cpuNanos()).isEqualTo(11 * SECOND));

    // it stops at +25 s; a runtime that still has its counters gives the last ones, one that does not gives zeros
    meter.record(List.of(stopped("c1", T0.plusSeconds(25), 4 * SECOND)), Set.of("c1"));
    assertThat(db.computeUsage().openIntervals()).singleElement()
        .satisfies(o -> assertThat(o.cpuNanos()).isEqualTo(12 * SECOND));
    meter.record(List.of(stopped("c1", T0.plusSeconds(26), 0)), Set.of("c1"));
    assertThat(db.computeUsage().openIntervals()).singleElement()
        .satisfies(o -> assertThat(o.cpuNanos()).isEqualTo(12 * SECOND));

    meter.record(List.of(), Set.of()); // gone: its interval closes at its last reading
    assertThat(db.computeUsage().openIntervals()).isEmpty();
    assertThat(db.computeUsage().endingBetween(Instant.EPOCH, T0.plusSeconds(3600), null, 10)).singleElement()
        .satisfies(r -> {
          assertThat(r.end()).isEqualTo(T0.plusSeconds(26));
          assertThat(r.cpuNanos()).isEqualTo(12 * SECOND);
        });
  }

  @Test
  void aRemovedContainersTailIsMeteredOnceAndALateSampleDoesNotOpenItAgain() {
    ComputeMeter meter = new ComputeMeter(db.computeUsage(), meters);
    Instant start = T0.minusSeconds(30);
    meter.record(List.of(sample("c1", start, start.plusSeconds(10), 5 * SECOND, GIB)), Set.of("c1"));
    // removed 6 s after that sample, with 3 more CPU-seconds: the tail counts, and the interval closes at removal
    meter.removed(stopped("c1", start.plusSeconds(16), 8 * SECOND));
    assertThat(db.computeUsage().openIntervals()).isEmpty();
    List<ComputeUsageRecord> closed = db.computeUsage().endingBetween(Instant.EPOCH, T0.plusSeconds(3600), null, 10);
    assertThat(closed).singleElement().satisfies(r -> {
      assertThat(r.start()).isEqualTo(start);
      assertThat(r.end()).isEqualTo(start.plusSeconds(16));
      assertThat(r.cpuNanos()).isEqualTo(8 * SECOND);
    });
    // a sample read before the removal but recorded after it, then the removal told twice: nothing more
    meter.record(List.of(sample("c1", start, start.plusSeconds(15), 7 * SECOND, GIB)), Set.of("c1"));
    meter.removed(stopped("c1", start.plusSeconds(16), 8 * SECOND));
    meter.record(List.of(), Set.of());
    assertThat(db.computeUsage().openIntervals()).isEmpty();
    assertThat(db.computeUsage().endingBetween(Instant.EPOCH, T0.plusSeconds(3600), null, 10)).hasSize(1);
    assertThat(meters.get("hanzo.usage.cpu.seconds").tag("deployment", "d1").counter().count())
        .isCloseTo(8, within(1e-9));

    // one never sampled (created and removed within one interval) is metered from its start
    ComputeMeter reopened = new ComputeMeter(db.computeUsage(), meters);
    reopened.removed(stopped("c2", T0.plusSeconds(20), 2 * SECOND));
    assertThat(db.computeUsage().endingBetween(Instant.EPOCH, T0.plusSeconds(3600), null, 10))
        .extracting(ComputeUsageRecord::cpuNanos).containsExactlyInAnyOrder(8 * SECOND, 2 * SECOND);
  }

  @Test
  void theSearchSumsPerHourPerDayAndInTotalWithinTheScope() {
    ComputeMeter meter = new ComputeMeter(db.computeUsage(), meters);
    Instant start = Instant.parse("2026-03-01T22:30:00Z");
    // two deployments of two orgs, each container using a quarter of a core from 22:30 to 01:30 the next day
    List<ContainerSample> first = new ArrayList<>();
    for (String c : List.of("a1", "b1")) {
      first.add(new ContainerSample(c, c.startsWith("a") ? "acme" : "globex", "dep-" + c, "web", 0, start, start,
          true, 0, GIB));
    }
    meter.record(first, Set.of("a1", "b1"));
    for (int minute = 1; minute <= 180; minute++) {
      Instant at = start.plusSeconds(60L * minute);
      long cpu = 15L * minute * SECOND;
      meter.record(List.of(new ContainerSample("a1", "acme", "dep-a1", "web", 0, start, at, true, cpu, GIB),
          new ContainerSample("b1", "globex", "dep-b1", "web", 0, start, at, true, cpu, GIB)), Set.of("a1", "b1"));
    }
    Instant since = Instant.parse("2026-03-01T00:00:00Z");
    Instant until = Instant.parse("2026-03-03T00:00:00Z");

    UsagePage hours = search().find(query(since, until, Granularity.HOUR));
    assertThat(hours.compute()).hasSize(8); // 22:30, 23, 00, 01 for each deployment
    assertThat(hours.compute().get(0).start()).isEqualTo(Instant.parse("2026-03-01T22:00:00Z"));
    assertThat(hours.compute().get(0).cpuSeconds()).isCloseTo(450, within(1e-6)); // 30 minutes at a quarter
    assertThat(hours.compute().get(2).cpuSeconds()).isCloseTo(900, within(1e-6));
    assertThat(hours.compute().get(2).memoryGibSeconds()).isCloseTo(3600, within(1e-6));

    UsagePage days = search().find(query(since, until, Granularity.DAY));
    assertThat(days.compute()).extracting(ComputeUsageRow::cpuSeconds).containsExactly(1350.0, 1350.0, 1350.0,
        1350.0);

    UsagePage acme = search().find(new UsageQuery(since, until, null, null, 10, null, UsageScope.only("acme"), null,
        Granularity.TOTAL));
    assertThat(acme.compute()).singleElement().satisfies(row -> {
      assertThat(row.deploymentId()).isEqualTo("dep-a1");
      assertThat(row.cpuSeconds()).isCloseTo(2700, within(1e-6));
      assertThat(row.start()).isEqualTo(since);
      assertThat(row.end()).isEqualTo(until);
    });
    UsagePage one = search().find(new UsageQuery(since, until, null, null, 10, null, UsageScope.ALL, "dep-b1",
        Granularity.TOTAL));
    assertThat(one.compute()).extracting(ComputeUsageRow::org).containsExactly("globex");
    assertThat(one.computeComplete()).isTrue();
  }

  private UsageSearch search() {
    UsageRecorder recorder = new UsageRecorder(db.usage(), meters);
    return new UsageSearch(db.usage(), db.computeUsage(), recorder);
  }

  private static UsageQuery query(Instant since, Instant until, Granularity granularity) {
    return new UsageQuery(since, until, null, null, 10, null, UsageScope.ALL, null, granularity);
  }

  private static double sum(UsagePage page) {
    return page.compute().stream().mapToDouble(ComputeUsageRow::cpuSeconds).sum();
  }

  private static ContainerSample stopped(String id, Instant at, long cpuNanos) {
    return new ContainerSample(id, null, "d1", "web", 0, T0, at, false, cpuNanos, 0);
  }

  private static ContainerSample sample(String id, Instant started, Instant at, long cpuNanos, long memory) {
    return new ContainerSample(id, null, "d1", "web", 0, started, at, true, cpuNanos, memory);
  }
}
