package ai.hanzo.node.cli;

import ai.hanzo.node.app.LoggingSetup;
import ai.hanzo.node.app.OfflineKeyAdmin;
import ai.hanzo.node.config.ConfigSources;
import java.io.IOException;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * A command group that edits the IAM data of a stopped node directly on its data directory (the node holds the
 * database lock while it runs); without a subcommand it prints its usage.
 */
abstract class OfflineAdminCommand implements Runnable {
  final Map<String, String> env;
  final Terminal terminal;

  @Spec CommandSpec spec;

  @Option(names = "--data-dir", paramLabel = "DIR", scope = ScopeType.INHERIT,
      description = "Data directory of the stopped node (env HANZO_DATA_DIR, default ./data).")
  String dataDir;

  OfflineAdminCommand(Map<String, String> env, Terminal terminal) {
    this.env = env;
    this.terminal = terminal;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  OfflineKeyAdmin open() throws IOException {
    LoggingSetup.quietForCommandLine();
    return OfflineKeyAdmin.open(ConfigSources.of(env).resolve(NodeOptions.DATA_DIR, dataDir));
  }
}
