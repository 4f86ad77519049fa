package ai.hanzo.libp2p.kad;

import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.kad.wire.ConnectionType;
import ai.hanzo.libp2p.kad.wire.DhtPeer;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.peer.PeerId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns peer ids into the entries we hand out: filtered addresses, connection state. */
final class PeerEntries {
  private final Host host;
  private final AddressFilter filter;

  PeerEntries(Host host, AddressFilter filter) {
    this.host = host;
    this.filter = filter;
  }

  /** The entry for {@code peer}; empty when we know no address worth handing out. */
  Optional<DhtPeer> entry(PeerId peer) {
    List<Multiaddr> addresses = filter.filter(peer.equals(host.peerId())
        ? host.listenAddresses()
        : host.peerStore().addresses(peer));
    if (addresses.isEmpty()) {
      return Optional.empty();
    }
    boolean connected = host.connectionManager().find(peer).isPresent();
    return Optional.of(new DhtPeer(peer, addresses,
        connected ? ConnectionType.CONNECTED : ConnectionType.NOT_CONNECTED));
  }

  List<DhtPeer> entries(List<PeerId> peers) {
    List<DhtPeer> out = new ArrayList<>(peers.size());
    peers.forEach(p -> entry(p).ifPresent(out::add));
    return out;
  }

  /** Remembers the addresses peers told us about, so we can dial what a lookup found. */
  void learn(List<DhtPeer> peers) {
    for (DhtPeer p : peers) {
      if (!p.id().equals(host.peerId()) && !p.addresses().isEmpty()) {
        host.peerStore().addAddresses(p.id(), p.addresses());
      }
    }
  }
}
