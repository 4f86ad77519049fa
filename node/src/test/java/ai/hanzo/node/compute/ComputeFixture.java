package ai.hanzo.node.compute;

import ai.hanzo.node.compute.DeploymentRequest.ComposeProject;
import ai.hanzo.node.compute.DeploymentRequest.Options;
import ai.hanzo.node.compute.DeploymentRequest.ServiceDefinition;
import ai.hanzo.node.events.DomainEvent;
import ai.hanzo.node.events.EventBus;
import ai.hanzo.node.events.EventFilter;
import ai.hanzo.node.events.EventSubscription;
import ai.hanzo.node.runtime.TestContainers;
import ai.hanzo.node.runtime.host.HostRuntimeConfig;
import ai.hanzo.node.runtime.process.ProcessRuntime;
import ai.hanzo.node.storage.NodeDatabase;
import ai.hanzo.node.storage.StorageOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A real engine for tests: RocksDB and the process runtime in a temp dir. {@link #restart()} throws the engine
 * and runtime away and builds new ones over the same directories, as a node restart does.
 */
final class ComputeFixture implements AutoCloseable {
  static final String NODE = "node-under-test";

  final Path dataDir;
  final EventBus bus = new EventBus();
  final EventSubscription events = bus.subscribe(EventFilter.ALL, 10_000, () -> { });
  final List<DomainEvent> seen = new ArrayList<>();
  final NodeDatabase db;
  ProcessRuntime runtime;
  Orchestrator engine;

  ComputeFixture(Path dataDir) {
    this.dataDir = dataDir;
    this.db = NodeDatabase.open(StorageOptions.defaults(dataDir));
    build();
  }

  private void build() {
    runtime = new ProcessRuntime(HostRuntimeConfig.of(dataDir.resolve("containers"), dataDir));
    engine = new Orchestrator(runtime, db.deployments(), db.config(), bus, NODE,
        new ComputeSettings(dataDir.resolve("volumes"), Duration.ofSeconds(5), Duration.ofMillis(200),
            NodeCapacity.host()),
        Clock.systemUTC(), new Random(42));
  }

  void restart() {
    engine.close();
    runtime.close();
    build();
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

  static DeploymentRequest request(String id, String service, int replicas, String restart, String script) {
    ServiceDefinition definition = new ServiceDefinition("", List.of("sh", "-c", script), List.of(), Map.of(),
        List.of(), List.of(), List.of(), replicas, null, null, null, restart);
    return new DeploymentRequest(id, id, new ComposeProject("3", id, Map.of(service, definition), Map.of(), Map.of()),
        Map.of("GREETING", "hello"), new Options("", "", Map.of(), null));
  }

  @Override
  public void close() {
    try {
      engine.close();
      TestContainers.removeAll(runtime);
    } finally {
      runtime.close();
      events.close();
      db.close();
    }
  }
}
