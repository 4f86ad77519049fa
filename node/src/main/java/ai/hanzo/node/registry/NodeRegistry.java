package ai.hanzo.node.registry;

import ai.hanzo.libp2p.crypto.Ed25519PublicKey;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.events.DomainEvent;
import ai.hanzo.node.events.EventBus;
import ai.hanzo.node.events.EventTypes;
import ai.hanzo.node.metrics.HostMetricsSample;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * This node as a registry of other nodes. A node registers with its Ed25519 public key and gets a random
 * challenge; it becomes ONLINE only after {@link #confirm} receives a valid signature over exactly those challenge
 * bytes. Re-registering with the same key issues a new challenge and changes nothing until it is signed, so a
 * caller without the key cannot alter or demote a registered node. Heartbeats refresh last-seen and metrics and
 * return the commands queued for the node, which stay queued until acknowledged.
 */
public final class NodeRegistry {
  static final int CHALLENGE_BYTES = 32;

  private final RegisteredNodeStore store;
  private final RegistryConfig config;
  private final EventBus events;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public NodeRegistry(RegisteredNodeStore store, RegistryConfig config, EventBus events, Clock clock) {
    this.store = store;
    this.config = config;
    this.events = events;
    this.clock = clock;
  }

  public Challenge register(Registration registration) {
    Ed25519PublicKey publicKey = NodeKeys.decode(registration.publicKey(), "public_key");
    byte[] key = publicKey.raw();
    String nodeId = registration.nodeId().isEmpty() ? NodeKeys.peerId(publicKey) : registration.nodeId();
    NodeIds.validate(nodeId, "node_id");
    Instant now = clock.instant();
    byte[] challenge = new byte[CHALLENGE_BYTES];
    random.nextBytes(challenge);
    PendingProof proof = new PendingProof(challenge, now.plus(config.challengeTtl()),
        registration.operatorAddress(), registration.endpoint(), registration.capabilities());
    synchronized (this) {
      Optional<RegisteredNode> existing = store.get(nodeId);
      if (existing.isPresent()) {
        if (!Arrays.equals(existing.get().publicKey(), key)) {
          throw new NodeException(ErrorCode.ALREADY_EXISTS, "node '" + nodeId
              + "' is already registered with a different public key", Map.of("node_id", nodeId));
        }
        store.update(nodeId, n -> n.withProof(proof));
      } else {
        if (store.size() >= config.maxNodes()) {
          throw new NodeException(ErrorCode.RESOURCE_EXHAUSTED,
              "this registry is full (" + config.maxNodes() + " nodes)");
        }
        store.put(new RegisteredNode(nodeId, key, registration.operatorAddress(), registration.endpoint(),
            registration.capabilities(), RegistrationState.PENDING_PROOF, now, null, null, null, proof, List.of()));
      }
    }
    publish(EventTypes.NODE_REGISTERED, nodeId, "node registered; waiting for proof of key possession");
    return new Challenge(nodeId, challenge, proof.expiresAt());
  }

  /** Completes a registration: {@code signature} is Ed25519 over the challenge bytes RegisterNode returned. */
  public RegisteredNode confirm(String nodeId, byte[] signature) {
    Instant now = clock.instant();
    RegisteredNode node = store.update(nodeId, n -> {
      PendingProof proof = n.pendingProof();
      if (proof == null) {
        throw new NodeException(ErrorCode.FAILED_PRECONDITION,
            "node '" + nodeId + "' has no outstanding challenge: call RegisterNode first");
      }
      if (now.isAfter(proof.expiresAt())) {
        throw new NodeException(ErrorCode.FAILED_PRECONDITION,
            "the challenge for node '" + nodeId + "' expired at " + proof.expiresAt() + ": register again");
      }
      if (!NodeKeys.verify(n.publicKey(), proof.challenge(), signature)) {
        throw NodeException.invalidField("signature",
            "not a valid Ed25519 signature of the challenge by the registered public key");
      }
      return n.confirmed(now);
    }).orElseThrow(() -> NodeException.notFound("node", nodeId));
    publish(EventTypes.NODE_CONFIRMED, nodeId, "node proved possession of its key");
    return node;
  }

  /** Records a heartbeat and returns the commands still waiting for acknowledgement, oldest first. */
  public List<QueuedCommand> heartbeat(String nodeId, HostMetricsSample metrics) {
    RegistrationState[] before = new RegistrationState[1];
    RegisteredNode node = store.update(nodeId, n -> {
      requireConfirmed(n);
      before[0] = n.state();
      return n.heartbeat(clock.instant(), metrics);
    }).orElseThrow(() -> NodeException.notFound("node", nodeId));
    if (before[0] == RegistrationState.OFFLINE) {
      publish(EventTypes.NODE_ONLINE, nodeId, "node is heartbeating again");
    }
    return node.commands();
  }

  public void updateCapabilities(String nodeId, NodeCapabilities capabilities) {
    store.update(nodeId, n -> {
      requireConfirmed(n);
      return n.withCapabilities(capabilities);
    }).orElseThrow(() -> NodeException.notFound("node", nodeId));
    publish(EventTypes.NODE_CAPABILITIES_UPDATED, nodeId, "capabilities updated");
  }

  public QueuedCommand queueCommand(String nodeId, QueuedCommandKind kind, byte[] payload) {
    if (payload.length > config.maxCommandPayloadBytes()) {
      throw NodeException.invalidField("payload", "is " + payload.length + " bytes; at most "
          + config.maxCommandPayloadBytes() + " are allowed");
    }
    QueuedCommand command = new QueuedCommand(UUID.randomUUID().toString(), kind, payload, clock.instant());
    store.update(nodeId, n -> {
      if (n.commands().size() >= config.maxPendingCommands()) {
        throw new NodeException(ErrorCode.RESOURCE_EXHAUSTED, "node '" + nodeId + "' already has "
            + n.commands().size() + " unacknowledged commands; wait for it to acknowledge some");
      }
      List<QueuedCommand> commands = new ArrayList<>(n.commands());
      commands.add(command);
      return n.withCommands(commands);
    }).orElseThrow(() -> NodeException.notFound("node", nodeId));
    publish(EventTypes.NODE_COMMAND_QUEUED, nodeId, kind + " command " + command.commandId() + " queued");
    return command;
  }

  /** Removes an acknowledged command; acknowledging one that is already gone is NOT_FOUND. */
  public void acknowledge(String nodeId, String commandId) {
    store.update(nodeId, n -> {
      List<QueuedCommand> rest = n.commands().stream().filter(c -> !c.commandId().equals(commandId)).toList();
      if (rest.size() == n.commands().size()) {
        throw NodeException.notFound("command", commandId);
      }
      return n.withCommands(rest);
    }).orElseThrow(() -> NodeException.notFound("node", nodeId));
    publish(EventTypes.NODE_COMMAND_ACKED, nodeId, "command " + commandId + " acknowledged");
  }

  public Optional<RegisteredNode> get(String nodeId) {
    return store.get(nodeId);
  }

  public List<RegisteredNode> list() {
    return store.list();
  }

  /** Marks nodes silent for longer than {@link RegistryConfig#offlineAfter()} offline; returns how many. */
  public int markSilentNodesOffline() {
    Instant cutoff = clock.instant().minus(config.offlineAfter());
    int marked = 0;
    for (RegisteredNode node : store.list()) {
      if (node.state() != RegistrationState.ONLINE || node.lastSeen() == null || !node.lastSeen().isBefore(cutoff)) {
        continue;
      }
      boolean[] changed = new boolean[1];
      store.update(node.nodeId(), n -> {
        // Re-check inside the update: a heartbeat may have arrived since the scan.
        if (n.state() == RegistrationState.ONLINE && n.lastSeen().isBefore(cutoff)) {
          changed[0] = true;
          return n.withState(RegistrationState.OFFLINE);
        }
        return n;
      });
      if (changed[0]) {
        marked++;
        publish(EventTypes.NODE_OFFLINE, node.nodeId(), "no heartbeat for " + config.offlineAfter().toSeconds()
            + " s (" + config.missedHeartbeats() + " intervals)");
      }
    }
    return marked;
  }

  public RegistryConfig config() {
    return config;
  }

  private static void requireConfirmed(RegisteredNode n) {
    if (n.state() == RegistrationState.PENDING_PROOF) {
      throw new NodeException(ErrorCode.FAILED_PRECONDITION, "node '" + n.nodeId()
          + "' has not proven possession of its key yet: sign the challenge and call ConfirmRegistration");
    }
  }

  private void publish(String type, String nodeId, String message) {
    events.publish(new DomainEvent(clock.instant(), type, "node", nodeId, message, Map.of()));
  }
}
