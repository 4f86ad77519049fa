package ai.hanzo.node.cli;

import ai.hanzo.node.client.NodeClient;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hanzo-node command drain|cordon|uncordon --target ID}: has the connected node publish a signed command for
 * another node, which executes it only when its IAM authorizes the sending node's peer id.
 */
@Command(name = "command", mixinStandardHelpOptions = true,
    description = "Send a signed command to another node over the network (it runs it only if its IAM allows"
        + " this node's peer id).")
final class CommandCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "drain|cordon|uncordon", description = "What the target should do.")
  Action action;

  /** Lower case, as typed. */
  enum Action {
    drain, cordon, uncordon
  }

  @Option(names = "--target", required = true, paramLabel = "ID", description = "The target's node id or peer id.")
  String target;

  @Option(names = "--ttl", paramLabel = "D", converter = SchedulingCommands.DeadlineConverter.class,
      description = "How long the command stays valid, e.g. 60s (default 60s, at most 10m).")
  Duration ttl = Duration.ofSeconds(60);

  @Option(names = "--deadline", paramLabel = "D", converter = SchedulingCommands.DeadlineConverter.class,
      description = "drain: how long the target's deployments get to stop (default 5m).")
  Duration deadline = Duration.ZERO;

  CommandCommand(Map<String, String> env, Terminal terminal) {
    super(env, terminal);
  }

  @Override
  String name() {
    return "command";
  }

  @Override
  void run(NodeClient node, Renderer render, Terminal terminal) {
    print(terminal, render.sent(node.sendCommand(target, action.name(), ttl, deadline)));
  }
}
