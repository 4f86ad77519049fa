package ai.hanzo.libp2p.host;

import ai.hanzo.libp2p.crypto.PublicKey;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.peer.PeerId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the host knows about one peer.
 *
 * @param publicKey null until learned
 * @param agentVersion empty until the peer identified itself
 */
public record PeerInfo(
    PeerId peerId, List<Multiaddr> addresses, Set<String> protocols, PublicKey publicKey,
    String agentVersion, String protocolVersion) {
  public PeerInfo {
    addresses = List.copyOf(addresses);
    protocols = Set.copyOf(protocols);
  }

  public static PeerInfo empty(PeerId peer) {
    return new PeerInfo(peer, List.of(), Set.of(), null, "", "");
  }

  public Optional<PublicKey> key() {
    return Optional.ofNullable(publicKey);
  }

  /** These addresses added after the known ones, without duplicates. */
  public PeerInfo withAddresses(List<Multiaddr> more) {
    Set<Multiaddr> all = new LinkedHashSet<>(addresses);
    all.addAll(more);
    return new PeerInfo(peerId, new ArrayList<>(all), protocols, publicKey, agentVersion,
        protocolVersion);
  }

  public PeerInfo withProtocols(Set<String> replaced) {
    return new PeerInfo(peerId, addresses, replaced, publicKey, agentVersion, protocolVersion);
  }

  public PeerInfo withIdentity(PublicKey key, String agent, String version) {
    return new PeerInfo(peerId, addresses, protocols, key, agent, version);
  }
}
