package ai.hanzo.node.cli;

import ai.hanzo.node.client.NodeClient;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code hanzo-node inspect}: one deployment with each replica's state, or one container, and why it waits. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = "Show a deployment (each replica's state and why it does not run) or a container.")
final class InspectCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "ID", description = "A deployment id, or a container id or name.")
  String id;

  InspectCommand(Map<String, String> env, Terminal terminal) {
    super(env, terminal);
  }

  @Override
  String name() {
    return "inspect";
  }

  @Override
  void run(NodeClient node, Renderer render, Terminal terminal) {
    print(terminal, render.inspected(node.inspect(id)));
  }
}
