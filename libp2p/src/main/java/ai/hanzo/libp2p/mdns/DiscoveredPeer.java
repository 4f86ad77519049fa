package ai.hanzo.libp2p.mdns;

import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.peer.PeerId;
import java.util.List;

/** A peer found in an mDNS response, with its addresses without the {@code /p2p} suffix. */
public record DiscoveredPeer(PeerId peer, List<Multiaddr> addresses) {
  public DiscoveredPeer {
    addresses = List.copyOf(addresses);
  }
}
