package ai.hanzo.node.api.endpoint;

import ai.hanzo.node.api.v1.ConsensusStatus;
import ai.hanzo.node.api.v1.GetHealthRequest;
import ai.hanzo.node.api.v1.GetHealthResponse;
import ai.hanzo.node.api.v1.HealthStatus;
import ai.hanzo.node.metrics.HealthChecks;
import ai.hanzo.node.metrics.HealthLevel;

/**
 * GetHealth: the worst result of the registered checks, the node's version, MLX only where it really runs, and
 * the configured network id. {@code models} stays empty (this node serves no models) and {@code consensus.synced}
 * false with height 0 (it follows no chain).
 */
public final class HealthEndpoint {
  private final HealthChecks checks;
  private final String version;
  private final boolean mlxUsable;
  private final String networkId;

  public HealthEndpoint(HealthChecks checks, String version, boolean mlxUsable, String networkId) {
    this.checks = checks;
    this.version = version;
    this.mlxUsable = mlxUsable;
    this.networkId = networkId;
  }

  /** Runs the checks: may block briefly, so transports call it off the event loop. */
  public GetHealthResponse getHealth(GetHealthRequest request) {
    return GetHealthResponse.newBuilder()
        .setStatus(status(level()))
        .setVersion(version)
        .setMlxEnabled(mlxUsable)
        .setConsensus(ConsensusStatus.newBuilder().setNetworkId(networkId))
        .build();
  }

  /** The node's level right now (runs the checks). */
  public HealthLevel level() {
    return checks.evaluate().level();
  }

  static HealthStatus status(HealthLevel level) {
    return switch (level) {
      case HEALTHY -> HealthStatus.HEALTH_STATUS_HEALTHY;
      case DEGRADED -> HealthStatus.HEALTH_STATUS_DEGRADED;
      case UNHEALTHY -> HealthStatus.HEALTH_STATUS_UNHEALTHY;
    };
  }
}
