package ai.hanzo.node.cli;

import ai.hanzo.node.client.NodeClient;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code hanzo-node pools ls|show NAME|nodes NAME}: the compute pools of a running node (its {@code --pool}s) with
 * their members from the heartbeats it holds, through its admin API.
 */
@Command(name = "pools", mixinStandardHelpOptions = true,
    description = "List a running node's compute pools (--pool), show one, or list its member nodes with their"
        + " free capacity.",
    subcommands = {PoolsCommand.Ls.class, PoolsCommand.Show.class, PoolsCommand.Nodes.class})
final class PoolsCommand extends CommandGroup {
  PoolsCommand(Map<String, String> env, Terminal terminal) {
    super(env, terminal);
  }


  @Command(name = "ls", mixinStandardHelpOptions = true, description = "List the pools, each as it stands now.")
  static final class Ls extends GroupCall {
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
  static final class Show extends GroupCall {
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
  static final class Nodes extends GroupCall {
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
