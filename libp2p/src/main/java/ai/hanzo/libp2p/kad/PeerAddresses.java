package ai.hanzo.libp2p.kad;

import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.peer.PeerId;
import java.util.List;

/** A peer and the addresses it can be reached on, as a lookup found them. */
public record PeerAddresses(PeerId peer, List<Multiaddr> addresses) {
  public PeerAddresses {
    addresses = List.copyOf(addresses);
  }
}
