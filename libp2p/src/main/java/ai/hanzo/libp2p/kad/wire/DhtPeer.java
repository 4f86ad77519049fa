package ai.hanzo.libp2p.kad.wire;

import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.peer.PeerId;
import java.util.List;
import java.util.Objects;

/** One peer entry of a DHT message: who, where, and whether the sender is connected to it. */
public record DhtPeer(PeerId id, List<Multiaddr> addresses, ConnectionType connection) {
  public DhtPeer {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(connection, "connection");
    addresses = List.copyOf(addresses);
  }

  public static DhtPeer of(PeerId id, List<Multiaddr> addresses) {
    return new DhtPeer(id, addresses, ConnectionType.NOT_CONNECTED);
  }
}
