package ai.hanzo.node.storage;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A node registered with this node's registry, as stored. Byte fields are base64 text (as in {@link PeerRecord}),
 * which keeps record equality by value.
 *
 * @param state the registry's state name ({@code PENDING_PROOF}, {@code ONLINE}, {@code OFFLINE})
 * @param confirmedAt {@code null} until the node proved possession of its key
 * @param lastSeen {@code null} until the first confirmation or heartbeat
 * @param lastMetrics {@code null} until the first heartbeat
 * @param pendingProof {@code null} when no challenge is outstanding
 * @param commands queued commands, oldest first, kept until acknowledged
 */
public record RegisteredNodeRecord(
    String nodeId,
    String publicKeyBase64,
    String operatorAddress,
    String endpoint,
    Capabilities capabilities,
    String state,
    Instant registeredAt,
    Instant confirmedAt,
    Instant lastSeen,
    Metrics lastMetrics,
    Proof pendingProof,
    List<Command> commands) {

  public RegisteredNodeRecord {
    StoredText.requireKey(nodeId, "node id");
    Objects.requireNonNull(publicKeyBase64, "publicKeyBase64");
    Objects.requireNonNull(operatorAddress, "operatorAddress");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(capabilities, "capabilities");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(registeredAt, "registeredAt");
    commands = List.copyOf(commands);
  }

  /** What the node says it can run. */
  public record Capabilities(long cpuCores, long memoryBytes, long diskBytes, List<Gpu> gpus, boolean mlxEnabled,
      List<String> supportedRuntimes, String region, String zone) {
    public Capabilities {
      gpus = List.copyOf(gpus);
      supportedRuntimes = List.copyOf(supportedRuntimes);
      Objects.requireNonNull(region, "region");
      Objects.requireNonNull(zone, "zone");
    }
  }

  public record Gpu(String model, long memoryBytes, String driverVersion) {
    public Gpu {
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(driverVersion, "driverVersion");
    }
  }

  /** The host metrics of the node's last heartbeat. */
  public record Metrics(Instant timestamp, double cpuUsage, double memoryUsage, double diskUsage,
      long networkRxBytes, long networkTxBytes, int activeContainers) {
    public Metrics {
      Objects.requireNonNull(timestamp, "timestamp");
    }
  }

  /** An outstanding challenge and the registration details that take effect once it is signed. */
  public record Proof(String challengeBase64, Instant expiresAt, String operatorAddress, String endpoint,
      Capabilities capabilities) {
    public Proof {
      Objects.requireNonNull(challengeBase64, "challengeBase64");
      Objects.requireNonNull(expiresAt, "expiresAt");
      Objects.requireNonNull(operatorAddress, "operatorAddress");
      Objects.requireNonNull(endpoint, "endpoint");
      Objects.requireNonNull(capabilities, "capabilities");
    }
  }

  /** A command waiting for the node; {@code kind} is the registry's command kind name. */
  public record Command(String commandId, String kind, String payloadBase64, Instant queuedAt) {
    public Command {
      StoredText.requireKey(commandId, "command id");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(payloadBase64, "payloadBase64");
      Objects.requireNonNull(queuedAt, "queuedAt");
    }
  }
}
