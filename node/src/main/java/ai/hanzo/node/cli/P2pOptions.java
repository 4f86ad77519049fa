package ai.hanzo.node.cli;

import ai.hanzo.node.config.ConfigSources;
import ai.hanzo.node.config.P2pConfig;
import ai.hanzo.node.config.Parsers;
import ai.hanzo.node.config.Setting;
import java.util.List;
import picocli.CommandLine.Option;

/** The libp2p listen address and bootstrap peers. */
public final class P2pOptions {
  static final Setting<String> P2P_ADDR = new Setting<>("--p2p-addr", "HANZO_P2P_ADDR", "/ip4/0.0.0.0/tcp/9000",
      "a TCP multiaddr such as /ip4/0.0.0.0/tcp/9000", Parsers::tcpMultiaddr);
  static final Setting<String> BOOTSTRAP = new Setting<>("--bootstrap", "HANZO_BOOTSTRAP_PEERS", "",
      "a TCP multiaddr with a peer id, such as /ip4/10.0.0.1/tcp/9000/p2p/12D3KooW...", Parsers::tcpMultiaddr);

  static final List<Setting<?>> ALL = List.of(P2P_ADDR, BOOTSTRAP);

  @Option(names = "--p2p-addr", paramLabel = "MULTIADDR",
      description = "libp2p listen multiaddr (env HANZO_P2P_ADDR, default /ip4/0.0.0.0/tcp/9000).")
  String p2pAddr;

  @Option(names = "--bootstrap", paramLabel = "MULTIADDR",
      description = "Peer to dial at start; repeatable (env HANZO_BOOTSTRAP_PEERS, comma-separated; default none).")
  List<String> bootstrap;

  P2pConfig toConfig(ConfigSources sources) {
    return new P2pConfig(sources.resolve(P2P_ADDR, p2pAddr), sources.resolveList(BOOTSTRAP, bootstrap));
  }
}
