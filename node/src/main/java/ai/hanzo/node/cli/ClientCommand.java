package ai.hanzo.node.cli;

import ai.hanzo.node.client.NodeClient;
import ai.hanzo.node.app.LoggingSetup;
import ai.hanzo.node.error.NodeException;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * Base of the subcommands that talk to a running node: connects, runs, prints the node's error message and
 * returns exit code 1 when the node (or the connection) fails.
 */
abstract class ClientCommand implements Callable<Integer> {
  private final Map<String, String> env;
  private final Terminal terminal;

  @Mixin ClientOptions client = new ClientOptions();
  @ParentCommand HanzoNodeCommand parent;

  ClientCommand(Map<String, String> env, Terminal terminal) {
    this.env = env;
    this.terminal = terminal;
  }

  @Override
  public final Integer call() {
    LoggingSetup.quietForCommandLine();
    ClientOptions fromParent = parent == null ? new ClientOptions() : parent.client;
    try (NodeClient node = new NodeClient(client.settings(fromParent, env))) {
      run(node, new Renderer(client.format(fromParent)), terminal);
      return exitCode();
    } catch (NodeException e) {
      terminal.err().println("hanzo-node " + name() + ": " + e.getMessage() + " (" + e.code() + ")");
      return 1;
    } catch (ComposeFileException e) {
      terminal.err().println("hanzo-node " + name() + ": " + e.getMessage());
      return Main.USAGE;
    }
  }

  /** This command's client options, else the top command's: for its subcommands ({@code usage export}). */
  ClientOptions inherited() {
    return parent == null ? client : client.orElse(parent.client);
  }

  Map<String, String> env() {
    return env;
  }

  Terminal terminal() {
    return terminal;
  }

  /** The exit code after {@link #run} returned normally (exec passes on the command's). */
  int exitCode() {
    return 0;
  }

  /** Prints a rendered answer at once (a stream's answers must show as they come). */
  static void print(Terminal terminal, String rendered) {
    terminal.out().print(rendered);
    terminal.out().flush();
  }

  abstract String name();

  abstract void run(NodeClient node, Renderer render, Terminal terminal);
}
