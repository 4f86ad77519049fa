package ai.hanzo.libp2p.host;

import ai.hanzo.libp2p.crypto.PublicKey;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.peer.PeerId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/** Addresses, protocols, keys and agents of known peers, in memory. Thread-safe. */
public final class PeerStore {
  private final Map<PeerId, PeerInfo> peers = new ConcurrentHashMap<>();
  private final List<PeerStoreListener> listeners = new CopyOnWriteArrayList<>();

  public void addListener(PeerStoreListener listener) {
    listeners.add(listener);
  }

  public Optional<PeerInfo> get(PeerId peer) {
    return Optional.ofNullable(peers.get(peer));
  }

  public Collection<PeerInfo> peers() {
    return List.copyOf(peers.values());
  }

  public List<Multiaddr> addresses(PeerId peer) {
    return get(peer).map(PeerInfo::addresses).orElse(List.of());
  }

  public Set<String> protocols(PeerId peer) {
    return get(peer).map(PeerInfo::protocols).orElse(Set.of());
  }

  public void addAddresses(PeerId peer, List<Multiaddr> addresses) {
    update(peer, info -> info.withAddresses(addresses));
  }

  public void setProtocols(PeerId peer, Set<String> protocols) {
    update(peer, info -> info.withProtocols(protocols));
  }

  /** Records an identity; the key must be the one {@code peer} derives from. */
  public void setIdentity(PeerId peer, PublicKey key, String agent, String protocolVersion) {
    if (key != null && !peer.matches(key)) {
      throw new IllegalArgumentException("public key does not belong to " + peer);
    }
    update(peer, info -> info.withIdentity(key, agent, protocolVersion));
  }

  /** Applies {@code change} to the peer's record (an empty one if unknown) and tells listeners. */
  public PeerInfo update(PeerId peer, UnaryOperator<PeerInfo> change) {
    PeerInfo after = peers.compute(peer, (id, before) ->
        change.apply(before == null ? PeerInfo.empty(id) : before));
    listeners.forEach(l -> l.onUpdated(after));
    return after;
  }

  public void remove(PeerId peer) {
    peers.remove(peer);
  }
}
