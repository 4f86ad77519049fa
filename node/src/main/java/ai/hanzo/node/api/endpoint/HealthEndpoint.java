package ai.hanzo.node.api.endpoint;

import ai.hanzo.node.api.access.CallerPrincipal;
import ai.hanzo.node.api.v1.ConsensusStatus;
import ai.hanzo.node.chain.ChainStatus;
import ai.hanzo.node.chain.ChainStatusSource;
import ai.hanzo.node.api.v1.GetHealthRequest;
import ai.hanzo.node.api.v1.GetHealthResponse;
import ai.hanzo.node.api.v1.HealthCheckResult;
import ai.hanzo.node.api.v1.HealthStatus;
import ai.hanzo.node.iam.Principal;
import ai.hanzo.node.metrics.HealthChecks;
import ai.hanzo.node.metrics.HealthLevel;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * GetHealth: the worst result of the registered checks (and each check's result with its reason), the node's version, MLX only where it really runs, and
 * the consensus. {@code models} lists the models loaded now (loaded on demand, see {@code ModelServer}). A node that follows a chain
 * ({@code --chain-rpc}) reports that chain's id as {@code network_id}, its head as {@code block_height} and
 * {@code synced} while the RPC answers and the head is younger than {@code --chain-max-lag}; any other node the
 * configured network id, height 0 and not synced.
 */
public final class HealthEndpoint {
  private final HealthChecks checks;
  private final String version;
  private final boolean mlxUsable;
  private final String networkId;
  private final Optional<ChainStatusSource> chain;
  private final Clock clock;
  private final Supplier<List<String>> loadedModels;

  public HealthEndpoint(HealthChecks checks, String version, boolean mlxUsable, String networkId) {
    this(checks, version, mlxUsable, networkId, Optional.empty(), Clock.systemUTC());
  }

  public HealthEndpoint(HealthChecks checks, String version, boolean mlxUsable, String networkId,
      Optional<ChainStatusSource> chain, Clock clock) {
    this(checks, version, mlxUsable, networkId, chain, clock, List::of);
  }

  public HealthEndpoint(HealthChecks checks, String version, boolean mlxUsable, String networkId,
      Optional<ChainStatusSource> chain, Clock clock, Supplier<List<String>> loadedModels) {
    this.loadedModels = loadedModels;
    this.checks = checks;
    this.version = version;
    this.mlxUsable = mlxUsable;
    this.networkId = networkId;
    this.chain = chain;
    this.clock = clock;
  }

  /** Runs the checks: may block briefly, so transports call it off the event loop. */
  public GetHealthResponse getHealth(GetHealthRequest request) {
    HealthChecks.Report report = checks.evaluate();
    return GetHealthResponse.newBuilder()
        .setStatus(status(report.level()))
        .addAllChecks(callerIsAnonymous() ? List.of() : results(report))
        .setVersion(version)
        .setMlxEnabled(mlxUsable)
        .addAllModels(loadedModels.get())
        .setConsensus(consensus())
        .build();
  }

  /**
   * An anonymous caller (IAM on, {@code --iam-anonymous-health}) gets the verdict but not the reasons: they name
   * paths, peers and upstream errors, which are for the node's own operators.
   */
  private static boolean callerIsAnonymous() {
    return CallerPrincipal.current().map(p -> p.kind() == Principal.Kind.ANONYMOUS).orElse(false);
  }

  /** Each check's own result, so a caller sees which check made the node DEGRADED or UNHEALTHY and why. */
  private static List<HealthCheckResult> results(HealthChecks.Report report) {
    return report.results().entrySet().stream()
        .map(e -> HealthCheckResult.newBuilder().setName(e.getKey()).setStatus(status(e.getValue().level()))
            .setReason(e.getValue().detail() == null ? "" : e.getValue().detail()).build())
        .toList();
  }

  private ConsensusStatus consensus() {
    if (chain.isEmpty()) {
      return ConsensusStatus.newBuilder().setNetworkId(networkId).build();
    }
    ChainStatus s = chain.get().status();
    return ConsensusStatus.newBuilder()
        .setNetworkId(Long.toString(s.chainId()))
        .setBlockHeight(s.height())
        .setSynced(s.synced(clock.instant(), chain.get().maxLag()))
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
