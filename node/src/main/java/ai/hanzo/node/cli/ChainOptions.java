package ai.hanzo.node.cli;

import ai.hanzo.node.config.ChainConfig;
import ai.hanzo.node.config.ConfigException;
import ai.hanzo.node.config.ConfigSources;
import ai.hanzo.node.config.Parsers;
import ai.hanzo.node.config.Setting;
import ai.hanzo.node.config.OperatorKeystore;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The chain the node follows: its JSON-RPC endpoint, chain id, operator registry and how closely it follows. */
public final class ChainOptions {
  static final Setting<Optional<URI>> CHAIN_RPC = new Setting<>("--chain-rpc", "HANZO_CHAIN_RPC", "",
      "an http or https URL such as http://127.0.0.1:8545", s -> optional(s, Parsers::rpcUrl));
  static final Setting<Optional<Long>> CHAIN_ID = new Setting<>("--chain-id", "HANZO_CHAIN_ID", "",
      "a positive decimal chain id such as 43114", s -> optional(s, Parsers::chainId));
  static final Setting<Optional<String>> REGISTRY_CONTRACT = new Setting<>("--registry-contract",
      "HANZO_REGISTRY_CONTRACT", "", "an address of 0x and 40 hex digits", s -> optional(s, Parsers::evmAddress));
  static final Setting<Integer> CHAIN_CONFIRMATIONS = new Setting<>("--chain-confirmations",
      "HANZO_CHAIN_CONFIRMATIONS", Integer.toString(ChainConfig.DEFAULT_CONFIRMATIONS),
      "a number of blocks from 0 to 10000", Parsers::confirmations);
  static final Setting<Duration> CHAIN_POLL_INTERVAL = new Setting<>("--chain-poll-interval",
      "HANZO_CHAIN_POLL_INTERVAL", "2s", "a duration from 100ms to 1m such as 2s", ChainOptions::pollInterval);
  static final Setting<Duration> CHAIN_MAX_LAG = new Setting<>("--chain-max-lag", "HANZO_CHAIN_MAX_LAG", "60s",
      "a positive duration such as 60s", Parsers::positiveDuration);
  static final Setting<Duration> CHAIN_RPC_TIMEOUT = new Setting<>("--chain-rpc-timeout", "HANZO_CHAIN_RPC_TIMEOUT",
      "5s", "a duration from 100ms to 30s such as 5s", ChainOptions::rpcTimeout);

  static final Setting<Optional<Path>> OPERATOR_KEYSTORE = new Setting<>("--operator-keystore",
      "HANZO_OPERATOR_KEYSTORE", "", "a Web3 Secret Storage (keystore) JSON file",
      s -> optional(s, p -> Path.of(p)));
  static final Setting<Optional<Path>> OPERATOR_PASSWORD_FILE = new Setting<>("--operator-password-file",
      "HANZO_OPERATOR_PASSWORD_FILE", "", "a file holding the keystore's password",
      s -> optional(s, p -> Path.of(p)));
  static final Setting<Integer> STAKE_REFRESH_BLOCKS = new Setting<>("--stake-refresh-blocks",
      "HANZO_STAKE_REFRESH_BLOCKS", Integer.toString(ChainConfig.DEFAULT_STAKE_REFRESH_BLOCKS),
      "a number of blocks from 1 to 100000", Parsers::stakeRefreshBlocks);
  static final Setting<Boolean> REQUIRE_STAKE = new Setting<>("--require-stake", "HANZO_REQUIRE_STAKE", "false",
      "true or false", Parsers::bool);
  static final Setting<Integer> QOS_SLASH_QUORUM = new Setting<>("--qos-slash-quorum", "HANZO_QOS_SLASH_QUORUM",
      "0", "a number of challengers from 0 (off) to " + ChainConfig.MAX_QOS_SLASH_QUORUM, ChainOptions::quorum);
  /** Read as a secret only: never a flag, never echoed in a message. */
  static final String OPERATOR_PASSWORD_ENV = "HANZO_OPERATOR_PASSWORD";

  static final List<Setting<?>> ALL = List.of(CHAIN_RPC, CHAIN_ID, REGISTRY_CONTRACT, CHAIN_CONFIRMATIONS,
      CHAIN_POLL_INTERVAL, CHAIN_MAX_LAG, CHAIN_RPC_TIMEOUT, OPERATOR_KEYSTORE, OPERATOR_PASSWORD_FILE,
      STAKE_REFRESH_BLOCKS, REQUIRE_STAKE, QOS_SLASH_QUORUM);

  @Option(names = "--chain-rpc", paramLabel = "URL",
      description = "JSON-RPC endpoint of the chain to follow; without it the node follows none (env"
          + " HANZO_CHAIN_RPC, default none).")
  String chainRpc;

  @Option(names = "--chain-id", paramLabel = "N",
      description = "Chain id the RPC must answer, checked at start; needed with --chain-rpc (env HANZO_CHAIN_ID,"
          + " default none).")
  String chainId;

  @Option(names = "--registry-contract", paramLabel = "ADDR",
      description = "Address of the operator registry; at start it must hold code (env HANZO_REGISTRY_CONTRACT,"
          + " default none).")
  String registryContract;

  @Option(names = "--chain-confirmations", paramLabel = "N",
      description = "Blocks on top of a block before the node treats it as final (env HANZO_CHAIN_CONFIRMATIONS,"
          + " default 12).")
  String chainConfirmations;

  @Option(names = "--chain-poll-interval", paramLabel = "DURATION",
      description = "How often the chain head is polled, about one block time (env HANZO_CHAIN_POLL_INTERVAL,"
          + " default 2s).")
  String chainPollInterval;

  @Option(names = "--chain-max-lag", paramLabel = "DURATION",
      description = "A head older than this is not synced; while the RPC does not answer or its head is older,"
          + " health check chain is DEGRADED (env HANZO_CHAIN_MAX_LAG, default 60s).")
  String chainMaxLag;

  @Option(names = "--chain-rpc-timeout", paramLabel = "DURATION",
      description = "The most one JSON-RPC call may take, from connecting to the answer's last byte; an RPC that"
          + " hangs longer is unreachable for that call (env HANZO_CHAIN_RPC_TIMEOUT, default 5s).")
  String chainRpcTimeout;

  @Option(names = "--operator-keystore", paramLabel = "FILE",
      description = "The operator's account as a Web3 Secret Storage (keystore) JSON file; the node signs its"
          + " registration and stake changes with it. Needs --registry-contract and a password from"
          + " HANZO_OPERATOR_PASSWORD or --operator-password-file (env HANZO_OPERATOR_KEYSTORE, default none).")
  String operatorKeystore;

  @Option(names = "--operator-password-file", paramLabel = "FILE",
      description = "File holding the keystore's password (its first line); wins over HANZO_OPERATOR_PASSWORD"
          + " (env HANZO_OPERATOR_PASSWORD_FILE, default none).")
  String operatorPasswordFile;

  @Option(names = "--stake-refresh-blocks", paramLabel = "N",
      description = "A peer's binding and stake read from the registry are reused until the head moved this many"
          + " blocks (env HANZO_STAKE_REFRESH_BLOCKS, default 30).")
  String stakeRefreshBlocks;

  @Option(names = "--require-stake", paramLabel = "BOOL", arity = "0..1", fallbackValue = "true",
      description = "Ignore (and count) the gossip of peers whose PeerId the registry does not bind to an operator"
          + " with the minimum stake; needs --chain-rpc and --registry-contract (env HANZO_REQUIRE_STAKE,"
          + " default false).")
  String requireStake;

  @Option(names = "--qos-slash-quorum", paramLabel = "K",
      description = "As the registry's slasher, slash a provider once K distinct staked peers gossiped a failed QoS"
          + " challenge of it within 10 minutes (1 to 8); 0 slashes nobody. Needs --registry-contract and the"
          + " slasher's --operator-keystore (env HANZO_QOS_SLASH_QUORUM, default 0).")
  String qosSlashQuorum;

  private static <T> Optional<T> optional(String s, java.util.function.Function<String, T> parser) {
    return s == null || s.isBlank() ? Optional.empty() : Optional.of(parser.apply(s));
  }

  static int quorum(String s) {
    int k = Integer.parseInt(s.trim());
    if (k < 0 || k > ChainConfig.MAX_QOS_SLASH_QUORUM) {
      throw new IllegalArgumentException("out of range");
    }
    return k;
  }

  /** Bounded both ways: faster than 100ms floods the RPC, slower than a minute makes the head useless. */
  static Duration pollInterval(String s) {
    Duration d = Parsers.duration(s);
    if (d.compareTo(Duration.ofMillis(100)) < 0 || d.compareTo(Duration.ofMinutes(1)) > 0) {
      throw new IllegalArgumentException("out of range");
    }
    return d;
  }

  /**
   * Bounded both ways: below 100ms a healthy remote RPC times out; above 30s a hung RPC holds the chain threads
   * (and every operator call queued behind them) for that long.
   */
  static Duration rpcTimeout(String s) {
    Duration d = Parsers.duration(s);
    if (d.compareTo(Duration.ofMillis(100)) < 0 || d.compareTo(Duration.ofSeconds(30)) > 0) {
      throw new IllegalArgumentException("out of range");
    }
    return d;
  }

  ChainConfig toConfig(ConfigSources sources) {
    Optional<URI> rpc = sources.resolve(CHAIN_RPC, chainRpc);
    Optional<Long> id = sources.resolve(CHAIN_ID, chainId);
    Optional<String> registry = sources.resolve(REGISTRY_CONTRACT, registryContract);
    int confirmations = sources.resolve(CHAIN_CONFIRMATIONS, chainConfirmations);
    Duration poll = sources.resolve(CHAIN_POLL_INTERVAL, chainPollInterval);
    Duration maxLag = sources.resolve(CHAIN_MAX_LAG, chainMaxLag);
    Duration rpcTimeout = sources.resolve(CHAIN_RPC_TIMEOUT, chainRpcTimeout);
    Optional<OperatorKeystore> keystore = keystore(sources);
    int refreshBlocks = sources.resolve(STAKE_REFRESH_BLOCKS, stakeRefreshBlocks);
    boolean required = sources.resolve(REQUIRE_STAKE, requireStake);
    int slashQuorum = sources.resolve(QOS_SLASH_QUORUM, qosSlashQuorum);
    if (slashQuorum > 0 && (rpc.isEmpty() || registry.isEmpty() || keystore.isEmpty())) {
      throw new ConfigException("--qos-slash-quorum needs --chain-rpc, --registry-contract and --operator-keystore"
          + " (the registry's slasher account): it sends the slashes");
    }
    if (required && (rpc.isEmpty() || registry.isEmpty())) {
      throw new ConfigException("--require-stake needs --chain-rpc and --registry-contract (env HANZO_CHAIN_RPC,"
          + " HANZO_REGISTRY_CONTRACT): the registry whose stakes it checks");
    }
    if (rpc.isEmpty()) {
      if (id.isPresent() || registry.isPresent() || keystore.isPresent()) {
        throw new ConfigException("--chain-id, --registry-contract and --operator-keystore need --chain-rpc"
            + " (env HANZO_CHAIN_RPC)");
      }
      return ChainConfig.NONE;
    }
    if (keystore.isPresent() && registry.isEmpty()) {
      throw new ConfigException("--operator-keystore needs --registry-contract (env HANZO_REGISTRY_CONTRACT): the"
          + " registry the operator registers and stakes in");
    }
    if (id.isEmpty()) {
      throw new ConfigException("--chain-rpc needs --chain-id (env HANZO_CHAIN_ID): the chain id the RPC must"
          + " answer, such as 43114");
    }
    return new ChainConfig(rpc.get(), id.get(), registry, confirmations, poll, maxLag, keystore, refreshBlocks,
        required, rpcTimeout, slashQuorum);
  }

  /**
   * The keystore and its password: from the password file if one is named, else from HANZO_OPERATOR_PASSWORD.
   * The keystore itself is decrypted at start (a wrong password stops {@code run} with exit 2 there).
   */
  private Optional<OperatorKeystore> keystore(ConfigSources sources) {
    Optional<Path> file = sources.resolve(OPERATOR_KEYSTORE, operatorKeystore);
    Optional<Path> passwordFile = sources.resolve(OPERATOR_PASSWORD_FILE, operatorPasswordFile);
    if (file.isEmpty()) {
      if (passwordFile.isPresent()) {
        throw new ConfigException("--operator-password-file needs --operator-keystore");
      }
      return Optional.empty();
    }
    if (!Files.isReadable(file.get())) {
      throw new ConfigException("--operator-keystore " + file.get() + " is not a readable file");
    }
    String password;
    if (passwordFile.isPresent()) {
      password = OperatorPasswords.readFile(passwordFile.get());
    } else {
      password = sources.env(OPERATOR_PASSWORD_ENV).orElseThrow(() -> new ConfigException("--operator-keystore "
          + file.get() + " needs its password in " + OPERATOR_PASSWORD_ENV + " or --operator-password-file"));
    }
    return Optional.of(new OperatorKeystore(file.get(), password));
  }
}
