package ai.hanzo.libp2p.pubsub;

import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.libp2p.pubsub.DeliveryRecords.Record;
import ai.hanzo.libp2p.pubsub.DeliveryRecords.Status;
import ai.hanzo.libp2p.pubsub.score.PeerScoreParams;
import ai.hanzo.libp2p.pubsub.score.TopicScoreParams;
import java.net.InetAddress;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Gossipsub v1.1 peer scoring: counters per peer and topic, decayed on every {@link #decay()},
 * combined into a score by {@link #score(PeerId)}. Not thread-safe: the router's thread owns it.
 */
final class PeerScore {
  private final PeerScoreParams params;
  private final Clock clock;
  private final Map<PeerId, PeerStats> peers = new HashMap<>();
  private final Map<InetAddress, Set<PeerId>> peersByIp = new HashMap<>();
  private final DeliveryRecords deliveries;

  PeerScore(PeerScoreParams params, Clock clock, long seenTtlMillis) {
    this.params = params;
    this.clock = clock;
    this.deliveries = new DeliveryRecords(seenTtlMillis);
  }

  void addPeer(PeerId peer, InetAddress ip) {
    PeerStats stats = peers.computeIfAbsent(peer, p -> new PeerStats());
    stats.connected = true;
    if (ip != null && stats.ips.add(ip)) {
      peersByIp.computeIfAbsent(ip, k -> new HashSet<>()).add(peer);
    }
  }

  /** Keeps the stats until they expire so that reconnecting does not wash a bad score away. */
  void removePeer(PeerId peer) {
    PeerStats stats = peers.get(peer);
    if (stats == null) {
      return;
    }
    for (InetAddress ip : stats.ips) {
      Set<PeerId> on = peersByIp.get(ip);
      if (on != null && on.remove(peer) && on.isEmpty()) {
        peersByIp.remove(ip);
      }
    }
    stats.ips.clear();
    if (score(peer) > 0) {
      peers.remove(peer);
      return;
    }
    stats.connected = false;
    stats.expireAtMillis = clock.millis() + params.retainScore().toMillis();
    stats.topics.forEach((topic, t) -> t.leaveMesh(params.topics().get(topic)));
  }

  void graft(PeerId peer, String topic) {
    TopicStats t = topicStats(peer, topic);
    if (t != null) {
      t.inMesh = true;
      t.graftedAtMillis = clock.millis();
      t.meshTime = 0;
      t.deliveriesActive = false;
    }
  }

  void prune(PeerId peer, String topic) {
    TopicStats t = topicStats(peer, topic);
    if (t != null) {
      t.leaveMesh(params.topics().get(topic));
    }
  }

  /** A message passed the first checks and validation starts (it may still be rejected). */
  void deliveryStarted(MessageId id) {
    deliveries.get(id, clock.millis());
  }

  /** The message was accepted: {@code from} delivered it first, earlier duplicates count as mesh deliveries. */
  void validated(PeerId from, MessageId id, String topic) {
    long now = clock.millis();
    Record record = deliveries.get(id, now);
    if (record.status != Status.PENDING) {
      return;
    }
    record.status = Status.VALID;
    record.validatedMillis = now;
    if (from != null) {
      firstDelivery(from, topic);
    }
    for (PeerId other : record.peers) {
      meshDelivery(other, topic);
    }
  }

  /** The message was rejected: the sender and every peer that also sent it are penalized (P4). */
  void rejected(PeerId from, MessageId id, String topic) {
    Record record = id == null ? null : deliveries.get(id, clock.millis());
    if (record != null) {
      if (record.status != Status.PENDING) {
        return;
      }
      record.status = Status.INVALID;
    }
    invalidDelivery(from, topic);
    if (record != null) {
      record.peers.forEach(p -> invalidDelivery(p, topic));
      record.peers.clear();
    }
  }

  void ignored(MessageId id) {
    Record record = deliveries.get(id, clock.millis());
    if (record.status == Status.PENDING) {
      record.status = Status.IGNORED;
      record.peers.clear();
    }
  }

  /** {@code from} sent a message we had already seen. */
  void duplicate(PeerId from, MessageId id, String topic) {
    Record record = deliveries.get(id, clock.millis());
    switch (record.status) {
      case PENDING -> record.peers.add(from);
      case VALID -> {
        if (record.peers.add(from) && clock.millis() - record.validatedMillis
            <= window(topic)) {
          meshDelivery(from, topic);
        }
      }
      case INVALID -> invalidDelivery(from, topic);
      case IGNORED -> { }
    }
  }

  private long window(String topic) {
    TopicScoreParams tp = params.topics().get(topic);
    return tp == null ? 0 : tp.meshMessageDeliveriesWindow().toMillis();
  }

  /** P7: the peer misbehaved at the protocol level (broken promise, GRAFT in backoff, flood). */
  void addPenalty(PeerId peer, double count) {
    PeerStats stats = peers.get(peer);
    if (stats != null) {
      stats.behaviourPenalty += count;
    }
  }

  private void firstDelivery(PeerId peer, String topic) {
    TopicStats t = topicStats(peer, topic);
    if (t != null) {
      TopicScoreParams tp = params.topics().get(topic);
      t.firstDeliveries = Math.min(tp.firstMessageDeliveriesCap(), t.firstDeliveries + 1);
      if (t.inMesh) {
        t.meshDeliveries = Math.min(tp.meshMessageDeliveriesCap(), t.meshDeliveries + 1);
      }
    }
  }

  private void meshDelivery(PeerId peer, String topic) {
    TopicStats t = topicStats(peer, topic);
    if (t != null && t.inMesh) {
      t.meshDeliveries = Math.min(params.topics().get(topic).meshMessageDeliveriesCap(),
          t.meshDeliveries + 1);
    }
  }

  private void invalidDelivery(PeerId peer, String topic) {
    TopicStats t = topicStats(peer, topic);
    if (t != null) {
      t.invalidDeliveries += 1;
    }
  }

  /** The stats of a scored topic, or null when the peer is unknown or the topic not scored. */
  private TopicStats topicStats(PeerId peer, String topic) {
    PeerStats stats = peers.get(peer);
    if (stats == null || !params.topics().containsKey(topic)) {
      return null;
    }
    return stats.topics.computeIfAbsent(topic, k -> new TopicStats());
  }

  double score(PeerId peer) {
    PeerStats stats = peers.get(peer);
    if (stats == null) {
      return 0;
    }
    double score = 0;
    for (Map.Entry<String, TopicStats> e : stats.topics.entrySet()) {
      TopicScoreParams tp = params.topics().get(e.getKey());
      if (tp != null) {
        score += e.getValue().score(tp, clock.millis());
      }
    }
    if (params.topicScoreCap() > 0 && score > params.topicScoreCap()) {
      score = params.topicScoreCap();
    }
    score += params.appSpecificWeight() * params.appSpecificScore().applyAsDouble(peer);
    for (InetAddress ip : stats.ips) {
      if (params.ipColocationFactorWhitelist().contains(ip)) {
        continue;
      }
      double surplus = peersByIp.getOrDefault(ip, Set.of()).size()
          - params.ipColocationFactorThreshold();
      if (surplus > 0) {
        score += params.ipColocationFactorWeight() * surplus * surplus;
      }
    }
    double excess = stats.behaviourPenalty - params.behaviourPenaltyThreshold();
    if (excess > 0) {
      score += params.behaviourPenaltyWeight() * excess * excess;
    }
    return score;
  }

  /** Decays every counter once; call every {@link PeerScoreParams#decayInterval()}. */
  void decay() {
    long now = clock.millis();
    double zero = params.decayToZero();
    Iterator<Map.Entry<PeerId, PeerStats>> it = peers.entrySet().iterator();
    while (it.hasNext()) {
      PeerStats stats = it.next().getValue();
      if (!stats.connected && stats.expireAtMillis < now) {
        it.remove();
        continue;
      }
      stats.topics.forEach((topic, t) -> t.decay(params.topics().get(topic), zero, now));
      stats.behaviourPenalty = decayed(stats.behaviourPenalty, params.behaviourPenaltyDecay(), zero);
    }
    deliveries.expire(now);
  }

  static double decayed(double value, double factor, double zero) {
    double next = value * factor;
    return next < zero ? 0 : next;
  }

  private static final class PeerStats {
    boolean connected;
    long expireAtMillis;
    double behaviourPenalty;
    final Set<InetAddress> ips = new HashSet<>();
    final Map<String, TopicStats> topics = new HashMap<>();
  }

  private static final class TopicStats {
    boolean inMesh;
    long graftedAtMillis;
    double meshTime;
    double firstDeliveries;
    double meshDeliveries;
    boolean deliveriesActive;
    double meshFailurePenalty;
    double invalidDeliveries;

    void leaveMesh(TopicScoreParams tp) {
      if (inMesh && deliveriesActive && tp != null
          && meshDeliveries < tp.meshMessageDeliveriesThreshold()) {
        double deficit = tp.meshMessageDeliveriesThreshold() - meshDeliveries;
        meshFailurePenalty += deficit * deficit;
      }
      inMesh = false;
    }

    void decay(TopicScoreParams tp, double zero, long now) {
      if (tp == null) {
        return;
      }
      firstDeliveries = decayed(firstDeliveries, tp.firstMessageDeliveriesDecay(), zero);
      meshDeliveries = decayed(meshDeliveries, tp.meshMessageDeliveriesDecay(), zero);
      meshFailurePenalty = decayed(meshFailurePenalty, tp.meshFailurePenaltyDecay(), zero);
      invalidDeliveries = decayed(invalidDeliveries, tp.invalidMessageDeliveriesDecay(), zero);
      if (inMesh) {
        meshTime = now - graftedAtMillis;
        deliveriesActive |= meshTime >= tp.meshMessageDeliveriesActivation().toMillis();
      }
    }

    double score(TopicScoreParams tp, long now) {
      double quanta = inMesh ? (now - graftedAtMillis) / (double) tp.timeInMeshQuantum().toMillis() : 0;
      double s = tp.timeInMeshWeight() * Math.min(quanta, tp.timeInMeshCap());
      s += tp.firstMessageDeliveriesWeight() * firstDeliveries;
      if (inMesh && deliveriesActive && meshDeliveries < tp.meshMessageDeliveriesThreshold()) {
        double deficit = tp.meshMessageDeliveriesThreshold() - meshDeliveries;
        s += tp.meshMessageDeliveriesWeight() * deficit * deficit;
      }
      s += tp.meshFailurePenaltyWeight() * meshFailurePenalty;
      s += tp.invalidMessageDeliveriesWeight() * invalidDeliveries * invalidDeliveries;
      return tp.topicWeight() * s;
    }
  }
}
