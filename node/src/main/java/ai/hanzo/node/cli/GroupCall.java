package ai.hanzo.node.cli;

import ai.hanzo.node.app.LoggingSetup;
import ai.hanzo.node.client.NodeClient;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * A verb of a {@link CommandGroup} that makes one call to the running node, as {@link ClientCommand} does one
 * level up: prints the rendered answer (exit 0), or one line naming the verb, the error and its code (exit 2 for
 * INVALID_ARGUMENT, else 1).
 */
abstract class GroupCall implements Callable<Integer> {
  @ParentCommand CommandGroup group;
  @Mixin ClientOptions client = new ClientOptions();

  @Override
  public final Integer call() {
    LoggingSetup.quietForCommandLine();
    ClientOptions options = client.orElse(group.inherited());
    try (NodeClient node = new NodeClient(options.settings(new ClientOptions(), group.env))) {
      ClientCommand.print(group.terminal, run(node, new Renderer(options.format(new ClientOptions()))));
      return 0;
    } catch (NodeException e) {
      group.terminal.err().println("hanzo-node " + group.spec.name() + " " + name() + ": " + e.getMessage() + " ("
          + e.code() + ")");
      return e.code() == ErrorCode.INVALID_ARGUMENT ? Main.USAGE : 1;
    }
  }

  abstract String name();

  abstract String run(NodeClient node, Renderer render);
}
