package ai.hanzo.node.cli;

import ai.hanzo.node.app.LoggingSetup;
import ai.hanzo.node.app.DataDirUnusableException;
import ai.hanzo.node.app.NodeApp;
import ai.hanzo.node.app.StartupWarmup;
import ai.hanzo.node.config.ConfigException;
import ai.hanzo.node.config.ConfigFile;
import ai.hanzo.node.config.ConfigSources;
import ai.hanzo.node.config.NodeConfig;
import ai.hanzo.node.config.NodeVersion;
import ai.hanzo.node.config.RemoteBindRule;
import ai.hanzo.node.config.Setting;
import ai.hanzo.node.lifecycle.StartupException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hanzo-node run}: starts the daemon and keeps it running until SIGINT or SIGTERM. */
@Command(name = "run", description = "Start the node daemon (stops gracefully on SIGINT/SIGTERM).",
    mixinStandardHelpOptions = true, sortOptions = false)
public final class RunCommand implements Callable<Integer> {
  static final List<Setting<?>> SETTINGS = Stream.of(NodeOptions.ALL, ApiOptions.ALL, P2pOptions.ALL,
      StorageOptions.ALL, LoggingOptions.ALL, IamOptions.ALL,
      RuntimeOptions.ALL, ChainOptions.ALL, ModelOptions.ALL, PlacementOptions.ALL).flatMap(List::stream).toList();

  private final Map<String, String> env;
  private final Terminal terminal;

  @Mixin NodeOptions node = new NodeOptions();
  @Mixin ApiOptions api = new ApiOptions();
  @Mixin P2pOptions p2p = new P2pOptions();
  @Mixin StorageOptions storage = new StorageOptions();
  @Mixin LoggingOptions logging = new LoggingOptions();
  @Mixin IamOptions iam = new IamOptions();
  @Mixin RuntimeOptions runtime = new RuntimeOptions();
  @Mixin ChainOptions chain = new ChainOptions();
  @Mixin ModelOptions models = new ModelOptions();
  @Mixin PlacementOptions placement = new PlacementOptions();

  @Option(names = "--config", paramLabel = "FILE",
      description = "YAML file whose keys are these flag names without dashes (env HANZO_CONFIG).")
  Path configFile;

  RunCommand(Map<String, String> env, Terminal terminal) {
    this.env = env;
    this.terminal = terminal;
  }

  /** Resolves every setting (flags > environment > config file > defaults) into one validated config. */
  NodeConfig toConfig() {
    ConfigSources sources = sources();
    NodeConfig config = new NodeConfig(node.nodeId(sources), node.dataDir(sources), node.networkId(sources),
        node.operator(sources), node.mlx(sources), api.toConfig(sources),
        p2p.toConfig(sources, node.networkId(sources)),
        storage.toConfig(sources), logging.toConfig(sources), iam.toConfig(sources),
        runtime.toConfig(sources), node.newIdentity(sources), chain.toConfig(sources),
        models.toConfig(sources), placement.toConfig(sources));
    if (config.placement().leaseTimeout().compareTo(config.p2p().heartbeatInterval()) <= 0) {
      throw new ConfigException("--lease-timeout (" + config.placement().leaseTimeout().toSeconds() + " s) must be"
          + " longer than --heartbeat-interval (" + config.p2p().heartbeatInterval().toSeconds() + " s): a live"
          + " target would lose its leases between two heartbeats");
    }
    RemoteBindRule.check(config.iam().enabled(), config.api().insecureAllowRemote(),
        List.of(config.api().grpcAddr(), config.api().httpAddr()));
    return config;
  }

  private ConfigSources sources() {
    Path file = configFile != null ? configFile
        : env.containsKey("HANZO_CONFIG") && !env.get("HANZO_CONFIG").isBlank() ? Path.of(env.get("HANZO_CONFIG"))
        : null;
    if (file == null) {
      return ConfigSources.of(env);
    }
    Set<String> keys = SETTINGS.stream().map(Setting::fileKey).collect(Collectors.toSet());
    return new ConfigSources(env, ConfigFile.load(file, keys), file);
  }

  @Override
  public Integer call() throws Exception {
    NodeConfig config = toConfig();
    LoggingSetup.configure(config.logging());
    StartupWarmup.start();
    NodeVersion version = NodeVersion.current();
    if (config.logging().banner() && terminal.isInteractive()
        && config.logging().format() == ai.hanzo.node.config.LogFormat.TEXT) {
      terminal.printBanner(version);
    }
    NodeApp app = new NodeApp(config, version);
    ShutdownSignals signals = ShutdownSignals.install();
    try {
      app.start();
    } catch (DataDirUnusableException e) {
      org.slf4j.LoggerFactory.getLogger(RunCommand.class).error("{}", e.getMessage());
      terminal.err().println("hanzo-node run: " + e.getMessage());
      return 2;
    } catch (StartupException e) {
      if (e.getCause() instanceof ConfigException unusable) {
        // A setting the node could only check against the world (the chain id the RPC answers): a usage error.
        org.slf4j.LoggerFactory.getLogger(RunCommand.class).error("{}", unusable.getMessage());
        terminal.err().println("hanzo-node run: " + unusable.getMessage());
        return 2;
      }
      org.slf4j.LoggerFactory.getLogger(RunCommand.class).error("{}", e.getMessage());
      terminal.err().println("hanzo-node run: " + e.getMessage());
      return 1;
    }
    signals.awaitFirst();
    app.stop();
    org.slf4j.LoggerFactory.getLogger(RunCommand.class).info("hanzo-node stopped cleanly");
    return 0;
  }
}
