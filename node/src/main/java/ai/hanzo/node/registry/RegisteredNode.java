package ai.hanzo.node.registry;

import ai.hanzo.node.metrics.HostMetricsSample;
import java.time.Instant;
import java.util.List;

/**
 * A node known to this registry. Immutable: the registry replaces the whole record on every change, which keeps
 * {@link RocksRegisteredNodeStore} a plain key-value store. {@code lastMetrics} is null until
 * the first heartbeat; {@code pendingProof} is null when no challenge is outstanding.
 */
public record RegisteredNode(
    String nodeId, byte[] publicKey, String operatorAddress, String endpoint, NodeCapabilities capabilities,
    RegistrationState state, Instant registeredAt, Instant confirmedAt, Instant lastSeen,
    HostMetricsSample lastMetrics, PendingProof pendingProof, List<QueuedCommand> commands) {
  public RegisteredNode {
    publicKey = publicKey.clone();
    commands = List.copyOf(commands);
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  RegisteredNode withState(RegistrationState newState) {
    return new RegisteredNode(nodeId, publicKey, operatorAddress, endpoint, capabilities, newState, registeredAt,
        confirmedAt, lastSeen, lastMetrics, pendingProof, commands);
  }

  RegisteredNode withProof(PendingProof proof) {
    return new RegisteredNode(nodeId, publicKey, operatorAddress, endpoint, capabilities, state, registeredAt,
        confirmedAt, lastSeen, lastMetrics, proof, commands);
  }

  RegisteredNode withCapabilities(NodeCapabilities newCapabilities) {
    return new RegisteredNode(nodeId, publicKey, operatorAddress, endpoint, newCapabilities, state, registeredAt,
        confirmedAt, lastSeen, lastMetrics, pendingProof, commands);
  }

  RegisteredNode withCommands(List<QueuedCommand> newCommands) {
    return new RegisteredNode(nodeId, publicKey, operatorAddress, endpoint, capabilities, state, registeredAt,
        confirmedAt, lastSeen, lastMetrics, pendingProof, newCommands);
  }

  RegisteredNode heartbeat(Instant at, HostMetricsSample metrics) {
    return new RegisteredNode(nodeId, publicKey, operatorAddress, endpoint, capabilities, RegistrationState.ONLINE,
        registeredAt, confirmedAt, at, metrics, pendingProof, commands);
  }

  RegisteredNode confirmed(Instant at) {
    PendingProof p = pendingProof;
    return new RegisteredNode(nodeId, publicKey, p.operatorAddress(), p.endpoint(), p.capabilities(),
        RegistrationState.ONLINE, registeredAt,
        confirmedAt == null ? at : confirmedAt, at, lastMetrics, null, commands);
  }
}
