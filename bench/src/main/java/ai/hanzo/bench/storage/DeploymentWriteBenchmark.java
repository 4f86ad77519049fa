package ai.hanzo.bench.storage;

import ai.hanzo.node.storage.DeploymentRecord;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** Deployment records written per second, with fsync per write ({@code sync=true}) and without. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DeploymentWriteBenchmark {
  private static final String SPEC =
      "{\"services\":{\"web\":{\"image\":\"nginx:1.27\",\"ports\":[\"8080:80\"],"
          + "\"environment\":{\"MODE\":\"production\"},\"deploy\":{\"replicas\":3}}}}";

  @Param({"true", "false"})
  public boolean sync;

  private TempDatabase database;
  private long next;

  @Setup(Level.Trial)
  public void open() {
    database = TempDatabase.open(sync);
  }

  @TearDown(Level.Trial)
  public void close() {
    database.close();
  }

  @Benchmark
  public void put() {
    String id = "deployment-" + (next++ % 10_000);
    Instant now = Instant.now();
    database.db().deployments().put(new DeploymentRecord(id, "web", SPEC,
        Map.of("MODE", "production"), Map.of("team", "edge"), "RUNNING", next, now, now));
  }
}
