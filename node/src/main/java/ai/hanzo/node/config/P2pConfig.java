package ai.hanzo.node.config;

import java.util.List;

/** The libp2p listen address and the peers to dial at start (multiaddrs, as text). */
public record P2pConfig(String listenAddr, List<String> bootstrap) {
  public P2pConfig {
    bootstrap = List.copyOf(bootstrap);
  }
}
