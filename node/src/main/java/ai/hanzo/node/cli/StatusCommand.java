package ai.hanzo.node.cli;

import ai.hanzo.node.client.NodeClient;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hanzo-node status}: state, uptime, host metrics and deployments of a running node. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show a node's state, uptime, host metrics and deployments.")
final class StatusCommand extends ClientCommand {
  @Option(names = "--node-id", paramLabel = "ID", description = "A node registered with this one (default: itself).")
  String nodeId = "";

  StatusCommand(Map<String, String> env, Terminal terminal) {
    super(env, terminal);
  }

  @Override
  String name() {
    return "status";
  }

  @Override
  void run(NodeClient node, Renderer render, Terminal terminal) {
    print(terminal, render.status(node.status(nodeId)));
  }
}
