package ai.hanzo.node.cli;

import ai.hanzo.node.client.NodeClient;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hanzo-node stop [--force] DEPLOYMENT}. */
@Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop a deployment's containers.")
final class StopCommand extends ClientCommand {
  @Option(names = "--force", description = "Kill instead of stopping gracefully.")
  boolean force;

  @Parameters(index = "0", paramLabel = "DEPLOYMENT", description = "The deployment id.")
  String deploymentId;

  StopCommand(Map<String, String> env, Terminal terminal) {
    super(env, terminal);
  }

  @Override
  String name() {
    return "stop";
  }

  @Override
  void run(NodeClient node, Renderer render, Terminal terminal) {
    print(terminal, render.done(node.stop(deploymentId, force)));
  }
}
