package ai.hanzo.node.cli;

import ai.hanzo.node.app.LoggingSetup;
import ai.hanzo.node.client.NodeClient;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code hanzo-node pools ls|show NAME|nodes NAME}: the compute pools of a running node (its {@code --pool}s) with
 * their members from the heartbeats it holds, through its admin API.
 */
@Command(name = "pools", mixinStandardHelpOptions = true,
    description = "List a running node's compute pools (--pool), show one, or list its member nodes with their"
        + " free capacity.",
    subcommands = {PoolsCommand.Ls.class, PoolsCommand.Show.class, PoolsCommand.Nodes.class})
final class PoolsCommand implements Runnable {
  final Map<String, String> env;
  final Terminal terminal;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin ClientOptions client = new ClientOptions();
  @ParentCommand HanzoNodeCommand parent;

  PoolsCommand(Map<String, String> env, Terminal terminal) {
    this.env = env;
    this.terminal = terminal;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  ClientOptions inherited() {
    return parent == null ? client : client.orElse(parent.client);
  }

  /** A subcommand that calls the running node: as {@link ClientCommand}, two levels down. */
  abstract static class NodeCall implements Callable<Integer> {
    @ParentCommand PoolsCommand pools;
    @Mixin ClientOptions client = new ClientOptions();

    @Override
    public final Integer call() {
      LoggingSetup.quietForCommandLine();
      ClientOptions options = client.orElse(pools.inherited());
      try (NodeClient node = new NodeClient(options.settings(new ClientOptions(), pools.env))) {
        ClientCommand.print(pools.terminal, run(node, new Renderer(options.format(new ClientOptions()))));
        return 0;
      } catch (NodeException e) {
        pools.terminal.err().println("hanzo-node pools " + name() + ": " + e.getMessage() + " (" + e.code() + ")");
        return e.code() == ErrorCode.INVALID_ARGUMENT ? Main.USAGE : 1;
      }
    }

    abstract String name();

    abstract String run(NodeClient node, Renderer render);
  }

  @Command(name = "ls", mixinStandardHelpOptions = true, description = "List the pools, each as it stands now.")
  static final class Ls extends NodeCall {
    @Override
    String name() {
      return "ls";
    }

    @Override
    String run(NodeClient node, Renderer render) {
      return render.pools(node.pools());
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one pool.")
  static final class Show extends NodeCall {
    @Parameters(index = "0", paramLabel = "NAME", description = "The pool's name (its --pool NAME).")
    String name;

    @Override
    String name() {
      return "show";
    }

    @Override
    String run(NodeClient node, Renderer render) {
      return render.pool(node.pool(name));
    }
  }

  @Command(name = "nodes", mixinStandardHelpOptions = true,
      description = "List a pool's member nodes: state, whether stale, region, zone, free capacity, labels.")
  static final class Nodes extends NodeCall {
    @Parameters(index = "0", paramLabel = "NAME", description = "The pool's name (its --pool NAME).")
    String name;

    @Override
    String name() {
      return "nodes";
    }

    @Override
    String run(NodeClient node, Renderer render) {
      return render.poolMembers(name, node.poolMembers(name));
    }
  }
}
