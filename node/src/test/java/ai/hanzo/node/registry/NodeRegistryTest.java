package ai.hanzo.node.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.events.DomainEvent;
import ai.hanzo.node.events.EventBus;
import ai.hanzo.node.events.EventFilter;
import ai.hanzo.node.events.EventSubscription;
import ai.hanzo.node.events.EventTypes;
import ai.hanzo.node.metrics.HostMetricsSample;
import ai.hanzo.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class NodeRegistryTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final EventBus bus = new EventBus();
  private final EventSubscription events = bus.subscribe(EventFilter.ALL, 100, () -> {});
  private final RegistryConfig config = new RegistryConfig(Duration.ofSeconds(10), 3, Duration.ofMinutes(5), 3, 2,
      1024);
  private final NodeRegistry registry = new NodeRegistry(new InMemoryRegisteredNodeStore(), config, bus, clock);
  private final TestKeys keys = TestKeys.generate();

  private HostMetricsSample sample() {
    return new HostMetricsSample(clock.instant(), 0.5, 0.25, 0.1, 10, 20, 1);
  }

  private String registerAndConfirm(String id) {
    Challenge c = registry.register(new Registration(id, "0xop", "10.0.0.1:50051", keys.raw(),
        NodeCapabilities.NONE));
    registry.confirm(c.nodeId(), keys.sign(c.challenge()));
    return c.nodeId();
  }

  @Test
  void registrationCompletesOnlyWithASignatureByTheRegisteredKey() {
    Challenge c = registry.register(new Registration("n1", "0xop", "e", keys.libp2p(), NodeCapabilities.NONE));
    assertThat(c.challenge()).hasSize(32);
    assertThat(registry.get("n1").orElseThrow().state()).isEqualTo(RegistrationState.PENDING_PROOF);

    assertCode(() -> registry.heartbeat("n1", sample()), ErrorCode.FAILED_PRECONDITION);
    assertCode(() -> registry.confirm("n1", TestKeys.generate().sign(c.challenge())), ErrorCode.INVALID_ARGUMENT);
    assertCode(() -> registry.confirm("n1", keys.sign("something else".getBytes())), ErrorCode.INVALID_ARGUMENT);

    registry.confirm("n1", keys.sign(c.challenge()));
    assertThat(registry.get("n1").orElseThrow().state()).isEqualTo(RegistrationState.ONLINE);
    assertThat(types()).contains(EventTypes.NODE_REGISTERED, EventTypes.NODE_CONFIRMED);
  }

  @Test
  void aChallengeCanBeUsedOnceAndExpires() {
    Challenge c = registry.register(new Registration("n1", "", "", keys.raw(), NodeCapabilities.NONE));
    registry.confirm("n1", keys.sign(c.challenge()));
    assertCode(() -> registry.confirm("n1", keys.sign(c.challenge())), ErrorCode.FAILED_PRECONDITION);

    Challenge again = registry.register(new Registration("n1", "", "", keys.raw(), NodeCapabilities.NONE));
    clock.advance(Duration.ofMinutes(6));
    assertCode(() -> registry.confirm("n1", keys.sign(again.challenge())), ErrorCode.FAILED_PRECONDITION);
  }

  @Test
  void anEmptyNodeIdIsAssignedTheKeysPeerId() {
    Challenge c = registry.register(new Registration("", "", "", keys.raw(), NodeCapabilities.NONE));
    assertThat(c.nodeId()).isEqualTo(PeerId.fromPublicKey(keys.key().publicKey()).toString()).startsWith("12D3KooW");
  }

  @Test
  void anotherKeyForAKnownIdIsRefused() {
    registerAndConfirm("n1");
    assertCode(() -> registry.register(new Registration("n1", "", "", TestKeys.generate().raw(),
        NodeCapabilities.NONE)), ErrorCode.ALREADY_EXISTS);
  }

  @Test
  void reRegisteringChangesNothingUntilTheNewChallengeIsSigned() {
    registerAndConfirm("n1");
    Challenge c = registry.register(new Registration("n1", "0xnew", "new:1", keys.raw(), NodeCapabilities.NONE));
    assertThat(registry.get("n1").orElseThrow().endpoint()).isEqualTo("10.0.0.1:50051");
    assertThat(registry.get("n1").orElseThrow().state()).isEqualTo(RegistrationState.ONLINE);
    registry.confirm("n1", keys.sign(c.challenge()));
    assertThat(registry.get("n1").orElseThrow().endpoint()).isEqualTo("new:1");
  }

  @Test
  void commandsAreDeliveredWithEveryHeartbeatUntilAcknowledged() {
    String id = registerAndConfirm("n1");
    QueuedCommand a = registry.queueCommand(id, QueuedCommandKind.DEPLOY, new byte[] {1});
    QueuedCommand b = registry.queueCommand(id, QueuedCommandKind.DRAIN, new byte[0]);
    assertThat(registry.heartbeat(id, sample())).extracting(QueuedCommand::commandId)
        .containsExactly(a.commandId(), b.commandId());
    assertThat(registry.heartbeat(id, sample())).hasSize(2);
    registry.acknowledge(id, a.commandId());
    assertThat(registry.heartbeat(id, sample())).extracting(QueuedCommand::commandId).containsExactly(b.commandId());
    assertCode(() -> registry.acknowledge(id, a.commandId()), ErrorCode.NOT_FOUND);
  }

  @Test
  void theCommandQueueAndTheRegistryAreBounded() {
    String id = registerAndConfirm("n1");
    registry.queueCommand(id, QueuedCommandKind.STOP, new byte[0]);
    registry.queueCommand(id, QueuedCommandKind.STOP, new byte[0]);
    assertCode(() -> registry.queueCommand(id, QueuedCommandKind.STOP, new byte[0]), ErrorCode.RESOURCE_EXHAUSTED);
    assertCode(() -> registry.queueCommand(id, QueuedCommandKind.STOP, new byte[2048]), ErrorCode.INVALID_ARGUMENT);
    registry.register(new Registration("n2", "", "", TestKeys.generate().raw(), NodeCapabilities.NONE));
    registry.register(new Registration("n3", "", "", TestKeys.generate().raw(), NodeCapabilities.NONE));
    assertCode(() -> registry.register(new Registration("n4", "", "", TestKeys.generate().raw(),
        NodeCapabilities.NONE)), ErrorCode.RESOURCE_EXHAUSTED);
  }

  @Test
  void aNodeSilentForNIntervalsGoesOfflineAndComesBackWithAHeartbeat() {
    String id = registerAndConfirm("n1");
    registry.heartbeat(id, sample());
    clock.advance(Duration.ofSeconds(29));
    assertThat(registry.markSilentNodesOffline()).isZero();
    clock.advance(Duration.ofSeconds(2));
    assertThat(registry.markSilentNodesOffline()).isEqualTo(1);
    assertThat(registry.get(id).orElseThrow().state()).isEqualTo(RegistrationState.OFFLINE);
    assertThat(types()).contains(EventTypes.NODE_OFFLINE);

    registry.heartbeat(id, sample());
    assertThat(registry.get(id).orElseThrow().state()).isEqualTo(RegistrationState.ONLINE);
    assertThat(types()).contains(EventTypes.NODE_ONLINE);
  }

  @Test
  void unknownNodesAreNotFound() {
    assertCode(() -> registry.heartbeat("nope", sample()), ErrorCode.NOT_FOUND);
    assertCode(() -> registry.updateCapabilities("nope", NodeCapabilities.NONE), ErrorCode.NOT_FOUND);
    assertCode(() -> registry.confirm("nope", new byte[64]), ErrorCode.NOT_FOUND);
    assertCode(() -> registry.queueCommand("nope", QueuedCommandKind.STOP, new byte[0]), ErrorCode.NOT_FOUND);
  }

  @Test
  void invalidNodeIdsNameTheField() {
    assertThatThrownBy(() -> registry.register(new Registration("a/b", "", "", keys.raw(), NodeCapabilities.NONE)))
        .isInstanceOfSatisfying(NodeException.class, e -> assertThat(e.details()).containsEntry("field", "node_id"));
  }

  private List<String> types() {
    List<String> out = new ArrayList<>();
    for (DomainEvent e; (e = events.poll()) != null; ) {
      out.add(e.type());
    }
    return out;
  }

  static void assertCode(ThrowingCallable call, ErrorCode code) {
    assertThatThrownBy(call).isInstanceOfSatisfying(NodeException.class, e -> assertThat(e.code()).isEqualTo(code));
  }
}
