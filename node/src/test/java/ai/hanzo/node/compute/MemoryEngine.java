package ai.hanzo.node.compute;

import ai.hanzo.node.events.DomainEvent;
import ai.hanzo.node.events.EventBus;
import ai.hanzo.node.events.EventFilter;
import ai.hanzo.node.events.EventSubscription;
import ai.hanzo.node.runtime.ContainerState;
import ai.hanzo.node.runtime.InMemoryRuntime;
import ai.hanzo.node.storage.NodeDatabase;
import ai.hanzo.node.storage.StorageOptions;
import ai.hanzo.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * An engine over the {@link InMemoryRuntime} and a hand-moved clock (restart backoff waits only when the test
 * advances it), with the real RocksDB store: fast, deterministic tests of the reconciler, next to the ITs over real
 * processes. The reconcile loop runs every 100 ms of real time once started; tests that want passes they can count
 * leave it off and call {@code engine.reconcileAll()}. {@link #restart()} replaces the engine over the same runtime
 * and store, as a node restart does (the runtime's containers outlive the engine like host processes do).
 */
final class MemoryEngine implements AutoCloseable {
  static final String NODE = "memory-node";

  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  final EventBus bus = new EventBus();
  final EventSubscription events = bus.subscribe(EventFilter.ALL, 100_000, () -> { });
  final List<DomainEvent> seen = new ArrayList<>();
  final NodeDatabase db;
  final InMemoryRuntime runtime;
  private final Path dataDir;
  private final NodeCapacity capacity;
  Orchestrator engine;

  /** A node of 64 CPUs and 1 TiB of memory. */
  MemoryEngine(Path dataDir) {
    this(dataDir, new NodeCapacity(64_000_000_000L, 1L << 40));
  }

  MemoryEngine(Path dataDir, NodeCapacity capacity) {
    this.dataDir = dataDir;
    this.capacity = capacity;
    db = NodeDatabase.open(StorageOptions.defaults(dataDir));
    runtime = new InMemoryRuntime(dataDir, clock);
    engine = newEngine();
  }

  /** The engine's stop grace, of the clock the test moves. */
  static final Duration STOP_GRACE = Duration.ofSeconds(5);

  /** Stop grace {@link #STOP_GRACE}, restart backoff from 200 ms, random numbers seeded with 42. */
  private Orchestrator newEngine() {
    return new Orchestrator(runtime, db.deployments(), db.config(), bus, NODE,
        new ComputeSettings(dataDir.resolve("volumes"), STOP_GRACE, Duration.ofMillis(100), capacity),
        clock, new Random(42));
  }

  MemoryEngine start() {
    engine.start();
    return this;
  }

  /** Closes the engine and makes a new one, not started, over the same runtime, store and event bus. */
  void restart() {
    engine.close();
    engine = newEngine();
  }

  /** Moves the clock, and tells the runtime so, which kills the containers whose stop grace is over by then. */
  void advance(Duration step) {
    clock.advance(step);
    runtime.clockMoved();
  }

  DeploymentSummary summary(String deploymentId) {
    return engine.get(Tenant.ALL, deploymentId).orElseThrow();
  }

  /** Containers of a deployment as the runtime has them now. */
  List<ContainerState> containers(String deploymentId) {
    return runtime.list(Map.of(ReplicaName.DEPLOYMENT_LABEL, deploymentId));
  }

  long running(String deploymentId) {
    return containers(deploymentId).stream().filter(ContainerState::running).count();
  }

  /** Every event published so far, oldest first. */
  List<DomainEvent> events() {
    synchronized (seen) {
      for (DomainEvent e = events.poll(); e != null; e = events.poll()) {
        seen.add(e);
      }
      return List.copyOf(seen);
    }
  }

  long count(String type) {
    return events().stream().filter(e -> e.type().equals(type)).count();
  }

  @Override
  public void close() {
    try {
      runtime.releaseCreates();
      runtime.releaseLists();
      engine.close();
    } finally {
      runtime.close();
      events.close();
      db.close();
    }
  }
}
