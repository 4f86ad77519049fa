package ai.hanzo.node.registry;

import java.time.Duration;

/**
 * Limits of the registry: the heartbeat interval nodes are expected to keep, how many may be missed before a
 * node is offline, how long a challenge stays valid, and caps that keep a misbehaving caller from growing memory.
 */
public record RegistryConfig(
    Duration heartbeatInterval, int missedHeartbeats, Duration challengeTtl, int maxNodes,
    int maxPendingCommands, int maxCommandPayloadBytes) {
  public static final RegistryConfig DEFAULTS =
      new RegistryConfig(Duration.ofSeconds(10), 3, Duration.ofMinutes(5), 10_000, 1_000, 1 << 20);

  public RegistryConfig {
    if (heartbeatInterval.isNegative() || heartbeatInterval.isZero() || missedHeartbeats < 1 || maxNodes < 1
        || maxPendingCommands < 1 || maxCommandPayloadBytes < 0) {
      throw new IllegalArgumentException("invalid registry limits: " + heartbeatInterval + ", " + missedHeartbeats);
    }
  }

  /** A node silent for longer than this is offline. */
  public Duration offlineAfter() {
    return heartbeatInterval.multipliedBy(missedHeartbeats);
  }
}
