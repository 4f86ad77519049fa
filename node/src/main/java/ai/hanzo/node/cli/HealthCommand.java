package ai.hanzo.node.cli;

import ai.hanzo.node.client.NodeClient;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code hanzo-node health}: the node's health, version, MLX support and network. */
@Command(name = "health", mixinStandardHelpOptions = true,
    description = "Show a node's health (HEALTHY, DEGRADED, UNHEALTHY), version and network.")
final class HealthCommand extends ClientCommand {
  HealthCommand(Map<String, String> env, Terminal terminal) {
    super(env, terminal);
  }

  @Override
  String name() {
    return "health";
  }

  @Override
  void run(NodeClient node, Renderer render, Terminal terminal) {
    print(terminal, render.health(node.health()));
  }
}
