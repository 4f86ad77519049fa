package ai.hanzo.node.cli;

import picocli.CommandLine.Command;

/** The top-level command; {@code run} starts the daemon, other subcommands are clients of a running node. */
@Command(name = "hanzo-node", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "The Hanzo compute node: joins the network, runs deployments, serves the NodeService API.",
    footer = {"", "Exit codes: 0 ok, 1 error (from the node or at start), 2 invalid usage."})
final class HanzoNodeCommand implements Runnable {
  @picocli.CommandLine.Mixin ClientOptions client = new ClientOptions();

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
