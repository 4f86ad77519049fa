package ai.hanzo.bench.storage;

import ai.hanzo.node.storage.MetricSample;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Metric points stored per second (target: at least 100k/s with batched writes): one scrape of
 * {@value #SERIES} series written as one batch, and the same points written one put at a time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MetricsIngestBenchmark {
  static final int SERIES = 1_000;

  private final String[] names = new String[SERIES];
  private TempDatabase database;
  private long nextMillis = System.currentTimeMillis();

  @Setup(Level.Trial)
  public void open() {
    for (int i = 0; i < SERIES; i++) {
      names[i] = "node.container.cpu.usage/deployment=d" + (i / 10) + "/replica=" + (i % 10);
    }
    database = TempDatabase.open(true);
  }

  @TearDown(Level.Trial)
  public void close() {
    database.close();
  }

  @Benchmark
  @OperationsPerInvocation(SERIES)
  public void batchOfOneScrape() {
    long millis = nextMillis;
    nextMillis += 10_000;
    List<MetricSample> scrape = new ArrayList<>(SERIES);
    for (int i = 0; i < SERIES; i++) {
      scrape.add(new MetricSample(names[i], millis, i * 0.5));
    }
    database.db().metrics().recordAll(scrape);
  }

  @Benchmark
  @OperationsPerInvocation(SERIES)
  public void onePutPerPoint() {
    long millis = nextMillis;
    nextMillis += 10_000;
    for (int i = 0; i < SERIES; i++) {
      database.db().metrics().record(names[i], millis, i * 0.5);
    }
  }
}
