package ai.hanzo.libp2p.pubsub;

import ai.hanzo.libp2p.peer.PeerId;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Who is where: the pubsub peers with their topics, our meshes and fanouts per topic, and the
 * GRAFT backoffs. Plain data with small helpers; the router's thread owns it.
 */
final class MeshState {
  static final class Peer {
    final PeerId id;
    final String protocol;
    final boolean outbound;
    final InetAddress ip;
    final Set<String> topics = new HashSet<>();

    Peer(PeerId id, String protocol, boolean outbound, InetAddress ip) {
      this.id = id;
      this.protocol = protocol;
      this.outbound = outbound;
      this.ip = ip;
    }
  }

  final Map<PeerId, Peer> peers = new HashMap<>();
  final Set<String> subscriptions = new LinkedHashSet<>();
  final Map<String, Set<PeerId>> topicPeers = new HashMap<>();
  final Map<String, Set<PeerId>> mesh = new HashMap<>();
  final Map<String, Set<PeerId>> fanout = new HashMap<>();
  final Map<String, Long> fanoutLastPublishMillis = new HashMap<>();
  private final Map<String, Map<PeerId, Long>> backoffUntilMillis = new HashMap<>();

  Set<PeerId> topicPeers(String topic) {
    return topicPeers.getOrDefault(topic, Set.of());
  }

  Set<PeerId> mesh(String topic) {
    return mesh.getOrDefault(topic, Set.of());
  }

  boolean inMesh(String topic, PeerId peer) {
    return mesh(topic).contains(peer);
  }

  void subscribed(PeerId peer, String topic, boolean subscribe) {
    Peer p = peers.get(peer);
    if (p == null) {
      return;
    }
    if (subscribe) {
      p.topics.add(topic);
      topicPeers.computeIfAbsent(topic, t -> new HashSet<>()).add(peer);
    } else {
      p.topics.remove(topic);
      Set<PeerId> on = topicPeers.get(topic);
      if (on != null && on.remove(peer) && on.isEmpty()) {
        topicPeers.remove(topic);
      }
    }
  }

  /** Adds (or extends, never shortens) the backoff of {@code peer} in {@code topic}. */
  void backoff(String topic, PeerId peer, long untilMillis) {
    backoffUntilMillis.computeIfAbsent(topic, t -> new HashMap<>())
        .merge(peer, untilMillis, Math::max);
  }

  boolean inBackoff(String topic, PeerId peer, long nowMillis) {
    return backoffUntilMillis(topic, peer) > nowMillis;
  }

  long backoffUntilMillis(String topic, PeerId peer) {
    return backoffUntilMillis.getOrDefault(topic, Map.of()).getOrDefault(peer, 0L);
  }

  /** Forgets expired backoffs; a slack keeps ours from ending just before the remote's. */
  void expireBackoffs(long nowMillis, long slackMillis) {
    backoffUntilMillis.values().forEach(m -> m.values().removeIf(t -> t + slackMillis < nowMillis));
    backoffUntilMillis.values().removeIf(Map::isEmpty);
  }
}
