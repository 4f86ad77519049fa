package ai.hanzo.node.cli;

import ai.hanzo.node.config.ConfigSources;
import ai.hanzo.node.app.PeerIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hanzo-node id}: the node's PeerId (creating the identity on a fresh data directory, so an operator can hand
 * out bootstrap addresses before the first start) and, when a node runs on that directory, its listen address.
 */
@Command(name = "id", mixinStandardHelpOptions = true,
    description = "Print the node's libp2p PeerId and, while it runs, its listen address.")
final class IdCommand implements Callable<Integer> {
  private static final Pattern P2P_PORT = Pattern.compile("\"p2p\":\\s*(\\d+)");

  private final Map<String, String> env;
  private final Terminal terminal;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Data directory (env HANZO_DATA_DIR, default ./data).")
  String dataDir;

  IdCommand(Map<String, String> env, Terminal terminal) {
    this.env = env;
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    Path dir = ConfigSources.of(env).resolve(NodeOptions.DATA_DIR, dataDir);
    String peerId = PeerIdentity.peerIdOf(dir);
    terminal.out().println("peer id  " + peerId);
    Path ports = dir.resolve("ports.json");
    if (Files.exists(ports)) {
      Matcher m = P2P_PORT.matcher(Files.readString(ports));
      if (m.find() && !m.group(1).equals("0")) {
        terminal.out().println("listen   /ip4/127.0.0.1/tcp/" + m.group(1) + "/p2p/" + peerId
            + "  (running; replace 127.0.0.1 with an address peers can reach)");
      }
    }
    return 0;
  }
}
