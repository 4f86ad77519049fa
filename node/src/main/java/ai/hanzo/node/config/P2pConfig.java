package ai.hanzo.node.config;

import java.time.Duration;
import java.util.List;

/**
 * The node on the libp2p network.
 *
 * @param listenAddr the TCP multiaddr to listen on
 * @param bootstrap peers to dial at start (multiaddrs with /p2p, as text)
 * @param mdns whether to find and announce peers on the local network with mDNS
 * @param mdnsInterfaces interface names for mDNS; empty for every suitable one
 * @param maxPeers connections kept; beyond it the oldest idle ones are closed
 * @param dhtServer whether this node serves the Kademlia DHT (server mode) or only asks (client mode)
 * @param dhtPrivateAddresses whether DHT answers hand out loopback and private addresses (local networks, tests)
 * @param heartbeatInterval how often the node announces itself on hanzo/heartbeat/v1
 * @param metricsGossipInterval how often it publishes a metrics summary on hanzo/metrics/v1
 * @param qosSampling how often and how many of its peers it challenges (off where not given: tests of other
 *     subsystems)
 */
public record P2pConfig(String listenAddr, List<String> bootstrap, boolean mdns, List<String> mdnsInterfaces,
    int maxPeers, boolean dhtServer, boolean dhtPrivateAddresses, Duration heartbeatInterval,
    Duration metricsGossipInterval, QosSampling qosSampling) {
  public static final int DEFAULT_MAX_PEERS = 200;
  public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(10);
  public static final Duration DEFAULT_METRICS_GOSSIP_INTERVAL = Duration.ofSeconds(30);
  /** The local development network, where mDNS is on unless turned off. */
  public static final String LOCAL_NETWORK = "1337";

  public P2pConfig {
    bootstrap = List.copyOf(bootstrap);
    mdnsInterfaces = List.copyOf(mdnsInterfaces);
    if (heartbeatInterval.isNegative() || heartbeatInterval.isZero() || metricsGossipInterval.isNegative()
        || metricsGossipInterval.isZero()) {
      throw new IllegalArgumentException("gossip intervals must be positive");
    }
    java.util.Objects.requireNonNull(qosSampling, "qosSampling");
  }

  /** Without QoS sampling. */
  public P2pConfig(String listenAddr, List<String> bootstrap, boolean mdns, List<String> mdnsInterfaces,
      int maxPeers, boolean dhtServer, boolean dhtPrivateAddresses, Duration heartbeatInterval,
      Duration metricsGossipInterval) {
    this(listenAddr, bootstrap, mdns, mdnsInterfaces, maxPeers, dhtServer, dhtPrivateAddresses, heartbeatInterval,
        metricsGossipInterval, QosSampling.OFF);
  }

  /** Listen and bootstrap only: no mDNS, the default peer limit (what tests of other subsystems need). */
  public static P2pConfig of(String listenAddr, List<String> bootstrap) {
    return new P2pConfig(listenAddr, bootstrap, false, List.of(), DEFAULT_MAX_PEERS, true, true,
        DEFAULT_HEARTBEAT_INTERVAL, DEFAULT_METRICS_GOSSIP_INTERVAL);
  }
}
