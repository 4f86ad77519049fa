package ai.hanzo.node.registry;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.events.EventBus;
import ai.hanzo.node.metrics.HostMetricsSample;
import ai.hanzo.node.storage.NodeDatabase;
import ai.hanzo.node.storage.StorageOptions;
import ai.hanzo.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry over the real node database: what it knows survives closing and reopening the database. */
class RocksRegisteredNodeStoreIT {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final RegistryConfig config = new RegistryConfig(Duration.ofSeconds(10), 3, Duration.ofMinutes(5), 10,
      10, 1024);
  private final TestKeys keys = TestKeys.generate();
  @TempDir Path dataDir;
  private NodeDatabase db;

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
  }

  private NodeRegistry openRegistry() {
    if (db != null) {
      db.close();
    }
    db = NodeDatabase.open(StorageOptions.defaults(dataDir));
    return new NodeRegistry(new RocksRegisteredNodeStore(db.registeredNodes()), config, new EventBus(), clock);
  }

  @Test
  void registrationsHeartbeatsAndQueuedCommandsSurviveARestart() {
    NodeRegistry registry = openRegistry();
    NodeCapabilities caps = new NodeCapabilities(8, 16L << 30, 1L << 40,
        List.of(new NodeCapabilities.Gpu("H100", 80L << 30, "550.54")), false, List.of("process", "runc"),
        "eu", "eu-1a");
    Challenge c = registry.register(new Registration("", "0xop", "10.0.0.1:50051", keys.libp2p(), caps));
    registry.confirm(c.nodeId(), keys.sign(c.challenge()));
    HostMetricsSample metrics = new HostMetricsSample(clock.instant(), 0.5, 0.25, 0.125, 10, 20, 3);
    registry.heartbeat(c.nodeId(), metrics);
    QueuedCommand command = registry.queueCommand(c.nodeId(), QueuedCommandKind.DRAIN, new byte[] {1, 2, 3});
    Challenge pending = registry.register(new Registration("n2", "", "", TestKeys.generate().raw(),
        NodeCapabilities.NONE));

    NodeRegistry restarted = openRegistry();
    RegisteredNode node = restarted.get(c.nodeId()).orElseThrow();
    assertThat(node.state()).isEqualTo(RegistrationState.ONLINE);
    assertThat(node.publicKey()).isEqualTo(keys.raw());
    assertThat(node.capabilities()).isEqualTo(caps);
    assertThat(node.lastMetrics()).isEqualTo(metrics);
    assertThat(node.confirmedAt()).isEqualTo(clock.instant());
    assertThat(node.pendingProof()).isNull();
    List<QueuedCommand> delivered = restarted.heartbeat(c.nodeId(), metrics);
    assertThat(delivered).singleElement().satisfies(d -> {
      assertThat(d.commandId()).isEqualTo(command.commandId());
      assertThat(d.kind()).isEqualTo(QueuedCommandKind.DRAIN);
      assertThat(d.payload()).containsExactly(1, 2, 3);
    });
    restarted.acknowledge(c.nodeId(), command.commandId());
    assertThat(restarted.get("n2").orElseThrow().pendingProof().challenge()).isEqualTo(pending.challenge());

    NodeRegistry again = openRegistry();
    assertThat(again.heartbeat(c.nodeId(), metrics)).isEmpty();
    assertThat(again.list()).extracting(RegisteredNode::nodeId).containsExactlyInAnyOrder(c.nodeId(), "n2");
  }

  @Test
  void silentNodesGoOfflineInTheStoreAndComeBackWithAHeartbeat() {
    NodeRegistry registry = openRegistry();
    Challenge c = registry.register(new Registration("n1", "", "", keys.raw(), NodeCapabilities.NONE));
    registry.confirm("n1", keys.sign(c.challenge()));
    clock.advance(config.offlineAfter().plusSeconds(1));
    assertThat(registry.markSilentNodesOffline()).isEqualTo(1);

    NodeRegistry restarted = openRegistry();
    assertThat(restarted.get("n1").orElseThrow().state()).isEqualTo(RegistrationState.OFFLINE);
    restarted.heartbeat("n1", new HostMetricsSample(clock.instant(), 0, 0, 0, 0, 0, 0));
    assertThat(restarted.get("n1").orElseThrow().state()).isEqualTo(RegistrationState.ONLINE);
  }
}
