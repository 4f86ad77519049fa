package ai.hanzo.node.cli;

import ai.hanzo.node.client.NodeClient;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hanzo-node containers}: the containers a node runs. */
@Command(name = "containers", mixinStandardHelpOptions = true, description = "List a node's containers.")
final class ContainersCommand extends ClientCommand {
  @Option(names = {"-a", "--all"}, description = "Include stopped containers.")
  boolean all;

  ContainersCommand(Map<String, String> env, Terminal terminal) {
    super(env, terminal);
  }

  @Override
  String name() {
    return "containers";
  }

  @Override
  void run(NodeClient node, Renderer render, Terminal terminal) {
    print(terminal, render.containers(node.containers(all)));
  }
}
