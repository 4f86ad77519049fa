package ai.hanzo.node.config;

import java.nio.file.Path;

/**
 * Everything {@code hanzo-node run} needs, already validated. {@code nodeId} is null when none was configured: the
 * node then generates one once and keeps it in its data directory. {@code newIdentity} allows replacing a lost
 * {@code identity.key} of a data directory a node has already run on (a new PeerId). {@code chain} is
 * {@link ChainConfig#NONE} when the node follows no chain; {@code models} says how models are served
 * ({@link ModelServingConfig#DEFAULTS} when not given); {@code placement} is {@link PlacementConfig#NONE} when the node
 * has no region, zone or labels.
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
    RuntimeConfig runtime,
    boolean newIdentity,
    ChainConfig chain,
    ModelServingConfig models,
    PlacementConfig placement) {

  public NodeConfig {
    chain = chain == null ? ChainConfig.NONE : chain;
    models = models == null ? ModelServingConfig.DEFAULTS : models;
    placement = placement == null ? PlacementConfig.NONE : placement;
  }

  /** A config without region, zone or labels. */
  public NodeConfig(String nodeId, Path dataDir, String networkId, String operator, boolean mlx, ApiConfig api,
      P2pConfig p2p, StorageConfig storage, LoggingConfig logging, IamConfig iam, RuntimeConfig runtime,
      boolean newIdentity, ChainConfig chain, ModelServingConfig models) {
    this(nodeId, dataDir, networkId, operator, mlx, api, p2p, storage, logging, iam, runtime, newIdentity, chain,
        models, PlacementConfig.NONE);
  }

  /** A config that serves models with the defaults. */
  public NodeConfig(String nodeId, Path dataDir, String networkId, String operator, boolean mlx, ApiConfig api,
      P2pConfig p2p, StorageConfig storage, LoggingConfig logging, IamConfig iam, RuntimeConfig runtime,
      boolean newIdentity, ChainConfig chain) {
    this(nodeId, dataDir, networkId, operator, mlx, api, p2p, storage, logging, iam, runtime, newIdentity, chain,
        ModelServingConfig.DEFAULTS);
  }

  /** A config that follows no chain. */
  public NodeConfig(String nodeId, Path dataDir, String networkId, String operator, boolean mlx, ApiConfig api,
      P2pConfig p2p, StorageConfig storage, LoggingConfig logging, IamConfig iam, RuntimeConfig runtime,
      boolean newIdentity) {
    this(nodeId, dataDir, networkId, operator, mlx, api, p2p, storage, logging, iam, runtime, newIdentity,
        ChainConfig.NONE);
  }

  /** A config that keeps the node's identity (no {@code --new-identity}). */
  public NodeConfig(String nodeId, Path dataDir, String networkId, String operator, boolean mlx, ApiConfig api,
      P2pConfig p2p, StorageConfig storage, LoggingConfig logging, IamConfig iam, RuntimeConfig runtime) {
    this(nodeId, dataDir, networkId, operator, mlx, api, p2p, storage, logging, iam, runtime, false);
  }

  /** A config with the default runtime choice ({@code auto}). */
  public NodeConfig(String nodeId, Path dataDir, String networkId, String operator, boolean mlx, ApiConfig api,
      P2pConfig p2p, StorageConfig storage, LoggingConfig logging, IamConfig iam) {
    this(nodeId, dataDir, networkId, operator, mlx, api, p2p, storage, logging, iam, RuntimeConfig.DEFAULTS);
  }
}
