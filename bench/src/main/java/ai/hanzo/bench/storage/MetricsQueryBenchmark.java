package ai.hanzo.bench.storage;

import ai.hanzo.node.storage.MetricPoint;
import ai.hanzo.node.storage.MetricSample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Reading the last hour of one series (360 points) out of {@value #SERIES} series that each hold
 * 24 h at 10 s resolution (8.64 million points in all). Target: under 10 ms.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MetricsQueryBenchmark {
  static final int SERIES = 1_000;
  static final int POINTS_PER_SERIES = 24 * 360;
  static final long STEP_MILLIS = 10_000;

  private final SplittableRandom random = new SplittableRandom(42);
  private TempDatabase database;
  /** Now, so the retention job (24 h against the real clock) keeps every prefilled point. */
  private Instant end;

  @Setup(Level.Trial)
  public void prefill() {
    database = TempDatabase.open(true);
    end = Instant.ofEpochMilli(System.currentTimeMillis() / STEP_MILLIS * STEP_MILLIS);
    long first = end.toEpochMilli() - POINTS_PER_SERIES * STEP_MILLIS;
    for (int step = 0; step < POINTS_PER_SERIES; step++) {
      List<MetricSample> scrape = new ArrayList<>(SERIES);
      for (int s = 0; s < SERIES; s++) {
        scrape.add(new MetricSample(name(s), first + step * STEP_MILLIS, step));
      }
      database.db().metrics().recordAll(scrape);
    }
  }

  @TearDown(Level.Trial)
  public void close() {
    database.close();
  }

  @Benchmark
  public List<MetricPoint> lastHourOfOneSeries() {
    List<MetricPoint> points =
        database.db().metrics().query(
            name(random.nextInt(SERIES)), end.minus(Duration.ofHours(1)), end);
    if (points.size() != 360) {
      throw new IllegalStateException("expected 360 points in the last hour, got " + points.size());
    }
    return points;
  }

  private static String name(int series) {
    return "node.container.cpu.usage/deployment=d" + (series / 10) + "/replica=" + (series % 10);
  }
}
