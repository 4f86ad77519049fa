package ai.hanzo.node.cli;

import ai.hanzo.node.config.ConfigSources;
import ai.hanzo.node.config.P2pConfig;
import ai.hanzo.node.config.Parsers;
import ai.hanzo.node.config.Setting;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The node on the libp2p network: listen address, bootstrap peers, mDNS and the peer limit. */
public final class P2pOptions {
  static final Setting<String> P2P_ADDR = new Setting<>("--p2p-addr", "HANZO_P2P_ADDR", "/ip4/0.0.0.0/tcp/9000",
      "a TCP multiaddr such as /ip4/0.0.0.0/tcp/9000", Parsers::tcpMultiaddr);
  static final Setting<String> BOOTSTRAP = new Setting<>("--bootstrap", "HANZO_BOOTSTRAP_PEERS", "",
      "a TCP multiaddr with a peer id, such as /ip4/10.0.0.1/tcp/9000/p2p/12D3KooW...", Parsers::tcpMultiaddr);

  static final Setting<Optional<Boolean>> MDNS = new Setting<>("--mdns", "HANZO_MDNS", "auto",
      "true, false or auto (on for the local network 1337)", Parsers::autoOrBool);
  static final Setting<String> MDNS_INTERFACES = new Setting<>("--mdns-interfaces", "HANZO_MDNS_INTERFACES", "",
      "network interface names such as eth0", Parsers::interfaceName);
  static final Setting<Integer> MAX_PEERS = new Setting<>("--max-peers", "HANZO_MAX_PEERS",
      Integer.toString(P2pConfig.DEFAULT_MAX_PEERS), "a number of connections from 1 to 10000", Parsers::peerLimit);

  static final List<Setting<?>> ALL = List.of(P2P_ADDR, BOOTSTRAP, MDNS, MDNS_INTERFACES, MAX_PEERS);

  @Option(names = "--p2p-addr", paramLabel = "MULTIADDR",
      description = "libp2p listen multiaddr (env HANZO_P2P_ADDR, default /ip4/0.0.0.0/tcp/9000).")
  String p2pAddr;

  @Option(names = "--bootstrap", paramLabel = "MULTIADDR",
      description = "Peer to dial at start; repeatable (env HANZO_BOOTSTRAP_PEERS, comma-separated; default none).")
  List<String> bootstrap;

  @Option(names = "--mdns", paramLabel = "auto|true|false",
      description = "Find and announce peers on the local network with mDNS (env HANZO_MDNS, default auto: on for"
          + " the local network 1337, off otherwise).")
  String mdns;

  @Option(names = "--mdns-interfaces", paramLabel = "NAME",
      description = "Interfaces for mDNS; repeatable (env HANZO_MDNS_INTERFACES, comma-separated; default every"
          + " multicast-capable one).")
  List<String> mdnsInterfaces;

  @Option(names = "--max-peers", paramLabel = "N",
      description = "Connections to keep; beyond it the oldest are closed (env HANZO_MAX_PEERS, default 200).")
  String maxPeers;

  P2pConfig toConfig(ConfigSources sources, String networkId) {
    boolean mdnsOn = sources.resolve(MDNS, mdns).orElse(networkId.equals(P2pConfig.LOCAL_NETWORK));
    return new P2pConfig(sources.resolve(P2P_ADDR, p2pAddr), sources.resolveList(BOOTSTRAP, bootstrap), mdnsOn,
        sources.resolveList(MDNS_INTERFACES, mdnsInterfaces), sources.resolve(MAX_PEERS, maxPeers));
  }
}
