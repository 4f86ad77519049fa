package ai.hanzo.node.cli;

import ai.hanzo.node.config.ConfigSources;
import ai.hanzo.node.config.Parsers;
import ai.hanzo.node.config.Setting;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Identity and placement of the node: id, data directory, network, operator. */
public final class NodeOptions {
  static final Setting<String> NODE_ID = new Setting<>("--node-id", "HANZO_NODE_ID", "",
      "letters, digits, '.', '_' or '-'", s -> s.isEmpty() ? null : Parsers.nodeId(s));
  static final Setting<Path> DATA_DIR =
      new Setting<>("--data-dir", "HANZO_DATA_DIR", "./data", "a directory path", Parsers::path);
  static final Setting<String> NETWORK_ID = new Setting<>("--network-id", "HANZO_NETWORK_ID", "1337",
      "a numeric network id (43114 mainnet, 43113 testnet, 1337 local)", Parsers::networkId);
  static final Setting<String> OPERATOR =
      new Setting<>("--operator", "HANZO_OPERATOR", "", "an operator address", String::trim);
  static final Setting<Boolean> MLX =
      new Setting<>("--mlx", "HANZO_MLX", "false", "true or false", Parsers::bool);

  static final Setting<Boolean> NEW_IDENTITY =
      new Setting<>("--new-identity", "HANZO_NEW_IDENTITY", "false", "true or false", Parsers::bool);

  static final List<Setting<?>> ALL = List.of(NODE_ID, DATA_DIR, NETWORK_ID, OPERATOR, MLX, NEW_IDENTITY);

  @Option(names = "--node-id", paramLabel = "ID",
      description = "Node id (env HANZO_NODE_ID). Default: generated once and kept in the data directory.")
  String nodeId;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Data directory: database, identity key, logs (env HANZO_DATA_DIR, default ./data).")
  String dataDir;

  @Option(names = "--network-id", paramLabel = "ID",
      description = "Network id: 43114 mainnet, 43113 testnet, 1337 local (env HANZO_NETWORK_ID, default 1337).")
  String networkId;

  @Option(names = "--operator", paramLabel = "ADDRESS",
      description = "Operator address reported to the network (env HANZO_OPERATOR, default none).")
  String operator;

  @Option(names = "--mlx", paramLabel = "BOOL", arity = "0..1", fallbackValue = "true",
      description = "Offer MLX models where MLX is usable (Apple silicon) (env HANZO_MLX, default false).")
  String mlx;

  @Option(names = "--new-identity", paramLabel = "BOOL", arity = "0..1", fallbackValue = "true",
      description = "Create a new identity.key (a new PeerId) when it is missing from a data directory a node has"
          + " already run on; without it the node refuses to start (env HANZO_NEW_IDENTITY, default false).")
  String newIdentity;

  String nodeId(ConfigSources sources) {
    return sources.resolve(NODE_ID, nodeId);
  }

  Path dataDir(ConfigSources sources) {
    return sources.resolve(DATA_DIR, dataDir);
  }

  String networkId(ConfigSources sources) {
    return sources.resolve(NETWORK_ID, networkId);
  }

  String operator(ConfigSources sources) {
    return sources.resolve(OPERATOR, operator);
  }

  boolean mlx(ConfigSources sources) {
    return sources.resolve(MLX, mlx);
  }

  boolean newIdentity(ConfigSources sources) {
    return sources.resolve(NEW_IDENTITY, newIdentity);
  }
}
