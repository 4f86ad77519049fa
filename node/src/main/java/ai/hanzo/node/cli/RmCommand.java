package ai.hanzo.node.cli;

import ai.hanzo.node.client.NodeClient;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hanzo-node rm [--volumes] DEPLOYMENT}. */
@Command(name = "rm", mixinStandardHelpOptions = true, description = "Remove a deployment and its containers.")
final class RmCommand extends ClientCommand {
  @Option(names = "--volumes", description = "Also remove its named volumes.")
  boolean volumes;

  @Parameters(index = "0", paramLabel = "DEPLOYMENT", description = "The deployment id.")
  String deploymentId;

  RmCommand(Map<String, String> env, Terminal terminal) {
    super(env, terminal);
  }

  @Override
  String name() {
    return "rm";
  }

  @Override
  void run(NodeClient node, Renderer render, Terminal terminal) {
    print(terminal, render.done(node.remove(deploymentId, volumes)));
  }
}
