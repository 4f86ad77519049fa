package ai.hanzo.node.config;

import java.util.List;

/**
 * The node on the libp2p network.
 *
 * @param listenAddr the TCP multiaddr to listen on
 * @param bootstrap peers to dial at start (multiaddrs with /p2p, as text)
 * @param mdns whether to find and announce peers on the local network with mDNS
 * @param mdnsInterfaces interface names for mDNS; empty for every suitable one
 * @param maxPeers connections kept; beyond it the oldest idle ones are closed
 */
public record P2pConfig(String listenAddr, List<String> bootstrap, boolean mdns, List<String> mdnsInterfaces,
    int maxPeers) {
  public static final int DEFAULT_MAX_PEERS = 200;
  /** The local development network, where mDNS is on unless turned off. */
  public static final String LOCAL_NETWORK = "1337";

  public P2pConfig {
    bootstrap = List.copyOf(bootstrap);
    mdnsInterfaces = List.copyOf(mdnsInterfaces);
  }

  /** Listen and bootstrap only: no mDNS, the default peer limit (what tests of other subsystems need). */
  public static P2pConfig of(String listenAddr, List<String> bootstrap) {
    return new P2pConfig(listenAddr, bootstrap, false, List.of(), DEFAULT_MAX_PEERS);
  }
}
