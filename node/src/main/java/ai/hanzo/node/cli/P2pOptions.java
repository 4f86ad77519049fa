package ai.hanzo.node.cli;

import ai.hanzo.node.config.ConfigSources;
import ai.hanzo.node.config.P2pConfig;
import ai.hanzo.node.config.Parsers;
import ai.hanzo.node.config.QosSampling;
import ai.hanzo.node.config.Setting;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The node on the libp2p network: listen address, bootstrap peers, mDNS, peer limit, gossip, QoS sampling. */
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

  static final Setting<Boolean> DHT_MODE = new Setting<>("--dht-mode", "HANZO_DHT_MODE", "server",
      "server or client", P2pOptions::dhtServer);
  static final Setting<java.time.Duration> HEARTBEAT_INTERVAL = new Setting<>("--heartbeat-interval",
      "HANZO_HEARTBEAT_INTERVAL", "10s", "a positive duration such as 10s", Parsers::positiveDuration);
  static final Setting<java.time.Duration> METRICS_GOSSIP_INTERVAL = new Setting<>("--metrics-gossip-interval",
      "HANZO_METRICS_GOSSIP_INTERVAL", "30s", "a positive duration such as 30s", Parsers::positiveDuration);

  static final Setting<java.time.Duration> QOS_SAMPLE_INTERVAL = new Setting<>("--qos-sample-interval",
      "HANZO_QOS_SAMPLE_INTERVAL", "5m", "0 or off, or a duration from 1s to 24h such as 5m",
      P2pOptions::qosSampleInterval);
  static final Setting<Integer> QOS_SAMPLE_PEERS = new Setting<>("--qos-sample-peers", "HANZO_QOS_SAMPLE_PEERS",
      Integer.toString(QosSampling.DEFAULT_PEERS), "a number of peers from 1 to " + QosSampling.MAX_PEERS,
      s -> Parsers.intBetween(s, 1, QosSampling.MAX_PEERS));

  static final List<Setting<?>> ALL = List.of(P2P_ADDR, BOOTSTRAP, MDNS, MDNS_INTERFACES, MAX_PEERS, DHT_MODE,
      HEARTBEAT_INTERVAL, METRICS_GOSSIP_INTERVAL, QOS_SAMPLE_INTERVAL, QOS_SAMPLE_PEERS);

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

  @Option(names = "--dht-mode", paramLabel = "server|client",
      description = "Serve the Kademlia DHT to others (server) or only query it (client) (env HANZO_DHT_MODE,"
          + " default server).")
  String dhtMode;

  @Option(names = "--heartbeat-interval", paramLabel = "DURATION",
      description = "How often the node announces itself on hanzo/heartbeat/v1 (env HANZO_HEARTBEAT_INTERVAL,"
          + " default 10s).")
  String heartbeatInterval;

  @Option(names = "--metrics-gossip-interval", paramLabel = "DURATION",
      description = "How often it publishes a metrics summary on hanzo/metrics/v1 (env"
          + " HANZO_METRICS_GOSSIP_INTERVAL, default 30s).")
  String metricsGossipInterval;

  @Option(names = "--qos-sample-interval", paramLabel = "DURATION",
      description = "How often, on average (jittered by up to half), the node challenges a sample of its peers and"
          + " gossips the signed results on hanzo/qos/v1; 0 turns it off (env HANZO_QOS_SAMPLE_INTERVAL, default"
          + " 5m; 1s to 24h).")
  String qosSampleInterval;

  @Option(names = "--qos-sample-peers", paramLabel = "N",
      description = "Peers challenged per round, one after the other (env HANZO_QOS_SAMPLE_PEERS, default 3;"
          + " 1 to 100).")
  String qosSamplePeers;

  static boolean dhtServer(String s) {
    return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "server" -> true;
      case "client" -> false;
      default -> throw new IllegalArgumentException("neither server nor client");
    };
  }

  static java.time.Duration qosSampleInterval(String s) {
    if (s.trim().equals("0") || s.trim().equalsIgnoreCase("off")) {
      return java.time.Duration.ZERO;
    }
    java.time.Duration d = Parsers.duration(s);
    if (!d.isZero() && (d.compareTo(QosSampling.MIN_INTERVAL) < 0 || d.compareTo(QosSampling.MAX_INTERVAL) > 0)) {
      throw new IllegalArgumentException("neither 0 nor 1s to 24h");
    }
    return d;
  }

  /** DHT answers carry private and loopback addresses on the local network or when listening on loopback. */
  private static boolean privateAddresses(String listenAddr, String networkId) {
    return networkId.equals(P2pConfig.LOCAL_NETWORK) || listenAddr.startsWith("/ip4/127.")
        || listenAddr.startsWith("/ip6/::1/");
  }

  P2pConfig toConfig(ConfigSources sources, String networkId) {
    boolean mdnsOn = sources.resolve(MDNS, mdns).orElse(networkId.equals(P2pConfig.LOCAL_NETWORK));
    String listen = sources.resolve(P2P_ADDR, p2pAddr);
    return new P2pConfig(listen, sources.resolveList(BOOTSTRAP, bootstrap), mdnsOn,
        sources.resolveList(MDNS_INTERFACES, mdnsInterfaces), sources.resolve(MAX_PEERS, maxPeers),
        sources.resolve(DHT_MODE, dhtMode), privateAddresses(listen, networkId),
        sources.resolve(HEARTBEAT_INTERVAL, heartbeatInterval),
        sources.resolve(METRICS_GOSSIP_INTERVAL, metricsGossipInterval),
        new QosSampling(sources.resolve(QOS_SAMPLE_INTERVAL, qosSampleInterval),
            sources.resolve(QOS_SAMPLE_PEERS, qosSamplePeers)));
  }
}
