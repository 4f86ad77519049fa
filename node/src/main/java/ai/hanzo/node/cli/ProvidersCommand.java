package ai.hanzo.node.cli;

import ai.hanzo.node.client.NodeClient;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hanzo-node providers runtime/process|model/<name>}: nodes that announced a capability in the DHT. */
@Command(name = "providers", mixinStandardHelpOptions = true,
    description = "Find nodes that can run something, e.g. runtime/process, gpu/<model> or model/<name>, through"
        + " the DHT.")
final class ProvidersCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "CAPABILITY", description = "runtime/<name>, gpu/<model> or model/<name>.")
  String capability;

  @Option(names = "--limit", paramLabel = "N", description = "At most this many (default 20).")
  int limit = 20;

  ProvidersCommand(Map<String, String> env, Terminal terminal) {
    super(env, terminal);
  }

  @Override
  String name() {
    return "providers";
  }

  @Override
  void run(NodeClient node, Renderer render, Terminal terminal) {
    print(terminal, render.providers(node.providers(capability, limit)));
  }
}
