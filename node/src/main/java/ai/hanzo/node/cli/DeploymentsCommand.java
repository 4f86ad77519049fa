package ai.hanzo.node.cli;

import ai.hanzo.node.client.NodeClient;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code hanzo-node deployments} (or {@code ps}): the node's deployments. */
@Command(name = "deployments", aliases = "ps", mixinStandardHelpOptions = true,
    description = "List a node's deployments with their status, ready and up-to-date replicas.")
final class DeploymentsCommand extends ClientCommand {
  DeploymentsCommand(Map<String, String> env, Terminal terminal) {
    super(env, terminal);
  }

  @Override
  String name() {
    return "deployments";
  }

  @Override
  void run(NodeClient node, Renderer render, Terminal terminal) {
    print(terminal, render.deployments(node.deployments()));
  }
}
