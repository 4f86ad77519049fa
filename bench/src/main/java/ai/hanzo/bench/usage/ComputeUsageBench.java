package ai.hanzo.bench.usage;

import ai.hanzo.node.storage.NodeDatabase;
import ai.hanzo.node.storage.StorageOptions;
import ai.hanzo.node.usage.ComputeMeter;
import ai.hanzo.node.usage.ContainerSample;
import ai.hanzo.node.usage.Granularity;
import ai.hanzo.node.usage.UsagePage;
import ai.hanzo.node.usage.UsageQuery;
import ai.hanzo.node.usage.UsageRecorder;
import ai.hanzo.node.usage.UsageScope;
import ai.hanzo.node.usage.UsageSearch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Compute usage metering, against a real RocksDB in a temporary directory:
 * <ol>
 *   <li>the meter's cost per container per sample: {@code containers} containers sampled every 10 s (simulated
 *       time) for a while, each sample one atomic write, timed per container, with GPU and network counters against
 *       CPU and memory only (an anchor in the same run, metered into a second database), and then the cost of
 *       metering each container's tail at its removal (one read and one write per removal) against that;</li>
 *   <li>query latency over 30 days of hourly records of {@code containers} deployments (one container each):
 *       totals, per day and per hour of everything, and one deployment's per hour.</li>
 * </ol>
 * Usage: {@code ComputeUsageBench [containers=1000] [days=30] [rounds=5]}.
 */
public final class ComputeUsageBench {
  private static final long SECOND = 1_000_000_000L;

  private ComputeUsageBench() {}

  public static void main(String[] args) throws Exception {
    int containers = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int days = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    System.out.printf("ComputeUsageBench %d containers, %d days, %d rounds%n", containers, days, rounds);
    Path dir = Files.createTempDirectory("usage-bench");
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    try (NodeDatabase db = NodeDatabase.open(StorageOptions.defaults(dir))) {
      ComputeMeter meter = new ComputeMeter(db.computeUsage(), new SimpleMeterRegistry());
      Set<String> present = new HashSet<>();
      for (int c = 0; c < containers; c++) {
        present.add(id(c));
      }
      // 1. samples every 10 s: the steady cost of metering, with GPU and network counters (each container 2 GPUs,
      // growing rx/tx) against an anchor in the same run: samples of CPU and memory only, metered into a second
      // database, the two alternating sample by sample
      Path anchorDir = Files.createTempDirectory("usage-bench-anchor");
      try (NodeDatabase anchorDb = NodeDatabase.open(StorageOptions.defaults(anchorDir))) {
        ComputeMeter anchor = new ComputeMeter(anchorDb.computeUsage(), new SimpleMeterRegistry());
        int samples = 120;
        long[] full = new long[samples];
        long[] plain = new long[samples];
        for (int s = 0; s < samples; s++) {
          Instant at = start.plusSeconds(10L * (s + 1));
          List<ContainerSample> cpuOnly = batch(containers, start, at, s + 1, false);
          List<ContainerSample> withGpus = batch(containers, start, at, s + 1, true);
          boolean anchorFirst = s % 2 == 0;
          if (anchorFirst) {
            plain[s] = timed(anchor, cpuOnly, present) / containers;
          }
          full[s] = timed(meter, withGpus, present) / containers;
          if (!anchorFirst) {
            plain[s] = timed(anchor, cpuOnly, present) / containers;
          }
        }
        double fullMedian = median(full);
        double plainMedian = median(plain);
        System.out.printf("meter: %d containers, one sample: median %.1f us per container with GPU and network "
            + "(p90 %.1f), %.1f us CPU and memory only (p90 %.1f); ratio %.2f%n", containers, fullMedian / 1e3,
            p90(full) / 1e3, plainMedian / 1e3, p90(plain) / 1e3, fullMedian / plainMedian);
        // 1b. tail metering: each container removed a few seconds after the last sample is read once more and its
        // interval closed, one write per removal; against the per-container cost of a sample in the same run
        Instant removedAt = start.plusSeconds(10L * samples + 6);
        List<ContainerSample> last = batch(containers, start, removedAt, samples + 1, false);
        long[] removal = new long[containers];
        for (int c = 0; c < containers; c++) {
          ContainerSample l = last.get(c);
          ContainerSample stopped = new ContainerSample(l.containerId(), l.org(), l.deploymentId(), l.service(),
              l.replica(), l.startedAt(), l.at(), false, l.cpuNanos(), l.memoryBytes());
          long t0 = System.nanoTime();
          anchor.removed(stopped);
          removal[c] = System.nanoTime() - t0;
        }
        long[] sortedRemoval = Arrays.copyOfRange(removal, Math.min(20, containers - 1), containers);
        Arrays.sort(sortedRemoval);
        double removalMedian = sortedRemoval[sortedRemoval.length / 2];
        System.out.printf("tail: %d removals, median %.1f us each (p90 %.1f), %.1fx the per-container cost of a"
            + " sample (%.1f us, same run); open intervals left %d%n", containers, removalMedian / 1e3,
            sortedRemoval[sortedRemoval.length * 9 / 10] / 1e3, removalMedian / plainMedian, plainMedian / 1e3,
            anchor.metered());
      } finally {
        delete(anchorDir);
      }

      // 2. a month of hourly intervals: one sample per hour closes each container's interval of the hour before
      long t0 = System.nanoTime();
      Instant at = start.plusSeconds(1200);
      for (int hour = 1; hour <= days * 24; hour++) {
        at = start.plus(Duration.ofHours(hour)).plusSeconds(1);
        meter.record(batch(containers, start, at, 120 + hour * 360L, true), present);
      }
      System.out.printf("filled %d days x %d containers of hourly intervals in %.1f s%n", days, containers,
          (System.nanoTime() - t0) / 1e9);

      UsageSearch search = new UsageSearch(db.usage(), db.computeUsage(), new UsageRecorder(db.usage(),
          new SimpleMeterRegistry()));
      Instant until = at.plusSeconds(1);
      for (int r = 0; r < rounds; r++) {
        time(search, "total, all deployments", new UsageQuery(start, until, null, null, 1, null, UsageScope.ALL,
            null, Granularity.TOTAL));
        time(search, "per day, all deployments", new UsageQuery(start, until, null, null, 1, null, UsageScope.ALL,
            null, Granularity.DAY));
        time(search, "per hour, one deployment", new UsageQuery(start, until, null, null, 1, null, UsageScope.ALL,
            "dep-" + id(containers / 2), Granularity.HOUR));
        time(search, "per hour, one day, all", new UsageQuery(start.plus(Duration.ofDays(days / 2)),
            start.plus(Duration.ofDays(days / 2 + 1)), null, null, 1, null, UsageScope.ALL, null, Granularity.HOUR));
      }
    } finally {
      delete(dir);
    }
  }

  private static long timed(ComputeMeter meter, List<ContainerSample> batch, Set<String> present) {
    long t0 = System.nanoTime();
    meter.record(batch, present);
    return System.nanoTime() - t0;
  }

  /** The median of the steady samples (the first 20 warm the JIT and RocksDB up). */
  private static double median(long[] perContainer) {
    long[] steady = steady(perContainer);
    return steady[steady.length / 2];
  }

  private static double p90(long[] perContainer) {
    long[] steady = steady(perContainer);
    return steady[steady.length * 9 / 10];
  }

  private static long[] steady(long[] perContainer) {
    long[] steady = Arrays.copyOfRange(perContainer, 20, perContainer.length);
    Arrays.sort(steady);
    return steady;
  }

  private static void delete(Path dir) throws java.io.IOException {
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static void time(UsageSearch search, String what, UsageQuery query) {
    long t0 = System.nanoTime();
    UsagePage page = search.find(query);
    System.out.printf("query %-28s %8.1f ms, %6d rows, complete %s%n", what, (System.nanoTime() - t0) / 1e6,
        page.compute().size(), page.computeComplete());
  }

  /**
   * Every container busy at a tenth of a core, 64 MiB; {@code gpus}: also 2 GPUs each and network counters growing
   * by 100 kB received and 10 kB sent per tick.
   */
  private static List<ContainerSample> batch(int containers, Instant started, Instant at, long tick, boolean gpus) {
    List<ContainerSample> batch = new ArrayList<>(containers);
    for (int c = 0; c < containers; c++) {
      batch.add(gpus
          ? new ContainerSample(id(c), "org-" + (c % 10), "dep-" + id(c), "web", 0, started, at, true,
              tick * SECOND, 64L << 20, 2, tick * 100_000, tick * 10_000)
          : new ContainerSample(id(c), "org-" + (c % 10), "dep-" + id(c), "web", 0, started, at, true,
              tick * SECOND, 64L << 20));
    }
    return batch;
  }

  private static String id(int c) {
    return String.format("%032x", c);
  }
}
