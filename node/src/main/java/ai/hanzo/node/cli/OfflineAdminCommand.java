package ai.hanzo.node.cli;

import ai.hanzo.node.client.NodeClient;
import ai.hanzo.node.app.LoggingSetup;
import ai.hanzo.node.app.LocalNode;
import ai.hanzo.node.app.OfflineKeyAdmin;
import ai.hanzo.node.config.ConfigSources;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * A command group that edits the IAM data of a node: through its admin API when an endpoint is given (--endpoint or
 * HANZO_ENDPOINT) or a node holds the data directory's lock (then at the port its ports.json names), otherwise
 * directly on the stopped node's data directory (how the first admin key is made); without a subcommand it prints
 * its usage.
 */
abstract class OfflineAdminCommand implements Runnable {
  final Map<String, String> env;
  final Terminal terminal;

  @Spec CommandSpec spec;
  @ParentCommand HanzoNodeCommand parent;

  @Option(names = "--data-dir", paramLabel = "DIR", scope = ScopeType.INHERIT,
      description = "Data directory of the node (env HANZO_DATA_DIR, default ./data); while a node runs on it, "
          + "its API is used.")
  String dataDir;

  OfflineAdminCommand(Map<String, String> env, Terminal terminal) {
    this.env = env;
    this.terminal = terminal;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** @param client the subcommand's client options (they may also come before the subcommand) */
  KeySources open(ClientOptions client) throws IOException {
    LoggingSetup.quietForCommandLine();
    Path dir = ConfigSources.of(env).resolve(NodeOptions.DATA_DIR, dataDir);
    ClientOptions top = parent == null ? new ClientOptions() : parent.client;
    boolean endpointGiven = client.endpoint != null || top.endpoint != null || env.containsKey("HANZO_ENDPOINT");
    if (endpointGiven || LocalNode.runsOn(dir)) {
      if (!endpointGiven) { // the node on this directory: where it says it listens
        client.endpoint = LocalNode.grpcEndpoint(dir).orElse(null);
      }
      return KeySources.remote(new NodeClient(client.settings(top, env)));
    }
    return KeySources.offline(OfflineKeyAdmin.open(dir));
  }
}
