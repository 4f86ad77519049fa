package ai.hanzo.node.config;

import java.nio.file.Path;

/**
 * Everything {@code hanzo-node run} needs, already validated. {@code nodeId} is null when none was configured: the
 * node then generates one once and keeps it in its data directory.
 */
public record NodeConfig(
    String nodeId,
    Path dataDir,
    String networkId,
    String operator,
    boolean mlx,
    ApiConfig api,
    P2pConfig p2p,
    StorageConfig storage,
    LoggingConfig logging,
    IamConfig iam,
    RuntimeConfig runtime) {

  /** A config with the default runtime choice ({@code auto}). */
  public NodeConfig(String nodeId, Path dataDir, String networkId, String operator, boolean mlx, ApiConfig api,
      P2pConfig p2p, StorageConfig storage, LoggingConfig logging, IamConfig iam) {
    this(nodeId, dataDir, networkId, operator, mlx, api, p2p, storage, logging, iam, RuntimeConfig.DEFAULTS);
  }
}
