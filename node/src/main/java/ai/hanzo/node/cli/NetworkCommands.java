package ai.hanzo.node.cli;

import ai.hanzo.node.client.NodeClient;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hanzo-node peers [-a]} and {@code hanzo-node network}: the node's view of the libp2p network. */
final class NetworkCommands {
  private NetworkCommands() {}

  @Command(name = "peers", mixinStandardHelpOptions = true,
      description = "List connected peers with direction, round trip and last seen.")
  static final class Peers extends ClientCommand {
    @Option(names = {"-a", "--all"}, description = "Also peers known from before that are not connected now.")
    boolean all;

    Peers(Map<String, String> env, Terminal terminal) {
      super(env, terminal);
    }

    @Override
    String name() {
      return "peers";
    }

    @Override
    void run(NodeClient node, Renderer render, Terminal terminal) {
      print(terminal, render.peers(node.peers(all)));
    }
  }

  @Command(name = "network", mixinStandardHelpOptions = true,
      description = "Show this node's peer id, listen addresses and network settings.")
  static final class Network extends ClientCommand {
    Network(Map<String, String> env, Terminal terminal) {
      super(env, terminal);
    }

    @Override
    String name() {
      return "network";
    }

    @Override
    void run(NodeClient node, Renderer render, Terminal terminal) {
      print(terminal, render.network(node.network()));
    }
  }
}
