package ai.hanzo.libp2p.mdns;

import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.peer.PeerId;
import java.util.List;

/**
 * Hears of peers found by mDNS, once per response (so again at every query round while the peer answers). Called on
 * the discovery's event loop: return quickly and never block.
 */
@FunctionalInterface
public interface MdnsListener {
  /** {@code addresses} are without the {@code /p2p} suffix. */
  void peerDiscovered(PeerId peer, List<Multiaddr> addresses);
}
