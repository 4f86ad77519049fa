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
 * processes. The reconcile loop runs every 100 ms of real time.
 */
final class MemoryEngine implements AutoCloseable {
  static final String NODE = "memory-node";

  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  final EventBus bus = new EventBus();
  final EventSubscription events = bus.subscribe(EventFilter.ALL, 100_000, () -> { });
  final List<DomainEvent> seen = new ArrayList<>();
  final NodeDatabase db;
  final InMemoryRuntime runtime;
  final Orchestrator engine;

  MemoryEngine(Path dataDir) {
    this(dataDir, new NodeCapacity(64_000_000_000L, 1L << 40));
  }

  MemoryEngine(Path dataDir, NodeCapacity capacity) {
    db = NodeDatabase.open(StorageOptions.defaults(dataDir));
    runtime = new InMemoryRuntime(dataDir, clock);
    engine = new Orchestrator(runtime, db.deployments(), new NodeScheduling(db.config()), bus, NODE,
        new ComputeSettings(dataDir.resolve("volumes"), Duration.ofSeconds(5), Duration.ofMillis(100), capacity),
        clock, new Random(42));
  }

  MemoryEngine start() {
    engine.start();
    return this;
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
