package ai.hanzo.libp2p.pubsub;

import ai.hanzo.libp2p.pb.pubsub.RpcProto;
import ai.hanzo.libp2p.peer.PeerId;
import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The periodic upkeep of gossipsub v1.1: decays scores, penalizes broken IWANT promises, keeps
 * every mesh between Dlo and Dhi (by score, with Dout outbound peers), grafts opportunistically,
 * expires fanouts, emits IHAVE gossip and shifts the message cache. Runs on the router's thread.
 */
final class Heartbeat {
  private final GossipRouter router;
  private final ControlHandler control;
  private final GossipsubConfig config;
  private long ticks;
  private long lastDecayMillis;

  Heartbeat(GossipRouter router, ControlHandler control) {
    this.router = router;
    this.control = control;
    this.config = router.config;
    this.lastDecayMillis = router.clock.millis();
  }

  void run() {
    ticks++;
    long now = router.clock.millis();
    control.newHeartbeat();
    long decayEvery = config.scoreParams().decayInterval().toMillis();
    while (now - lastDecayMillis >= decayEvery) {
      router.score.decay();
      lastDecayMillis += decayEvery;
    }
    router.promises.broken(now).forEach((peer, count) -> router.score.addPenalty(peer, count));
    router.state.expireBackoffs(now, config.heartbeatInterval().toMillis() * 2);
    router.dontWant.expire(now);
    ControlBatch batch = new ControlBatch();
    for (Map.Entry<String, Set<PeerId>> e : router.state.mesh.entrySet()) {
      maintainMesh(e.getKey(), e.getValue(), now, batch);
      gossip(e.getKey(), e.getValue(), batch);
    }
    maintainFanout(now, batch);
    batch.flush(router.sender);
    router.mcache.shift();
  }

  private double score(PeerId p) {
    return router.score.score(p);
  }

  private boolean outbound(PeerId p) {
    MeshState.Peer peer = router.state.peers.get(p);
    return peer != null && peer.outbound;
  }

  private void maintainMesh(String topic, Set<PeerId> mesh, long now, ControlBatch batch) {
    for (PeerId p : new ArrayList<>(mesh)) {
      if (score(p) < 0) {
        prune(topic, p, false, now, batch);
      }
    }
    if (mesh.size() < config.dLo()) {
      graftCandidates(topic, mesh, now, p -> true).stream()
          .limit(config.d() - mesh.size())
          .forEach(p -> graft(topic, p, batch));
    }
    if (mesh.size() > config.dHi()) {
      shrink(topic, mesh, now, batch);
    }
    if (mesh.size() >= config.dLo()) {
      long out = mesh.stream().filter(this::outbound).count();
      if (out < config.dOut()) {
        graftCandidates(topic, mesh, now, this::outbound).stream()
            .limit(config.dOut() - out)
            .forEach(p -> graft(topic, p, batch));
      }
    }
    if (ticks % config.opportunisticGraftTicks() == 0 && mesh.size() > 1) {
      List<Double> scores = mesh.stream().map(this::score).sorted().toList();
      double median = scores.get(scores.size() / 2);
      if (median < config.scoreThresholds().opportunisticGraftThreshold()) {
        graftCandidates(topic, mesh, now, p -> score(p) > median).stream()
            .limit(config.opportunisticGraftPeers())
            .forEach(p -> graft(topic, p, batch));
      }
    }
  }

  private List<PeerId> graftCandidates(String topic, Set<PeerId> mesh, long now,
      Predicate<PeerId> extra) {
    return PeerSelection.shuffled(router.state.topicPeers(topic), router.random,
        p -> !mesh.contains(p) && !router.state.inBackoff(topic, p, now) && score(p) >= 0
            && extra.test(p));
  }

  /** Keeps the Dscore best peers plus random others up to D, at least Dout of them outbound. */
  private void shrink(String topic, Set<PeerId> mesh, long now, ControlBatch batch) {
    List<PeerId> byScore = new ArrayList<>(PeerSelection.shuffled(mesh, router.random, p -> true));
    byScore.sort(Comparator.comparingDouble(this::score).reversed());
    List<PeerId> keep = new ArrayList<>(byScore.subList(0, config.dScore()));
    List<PeerId> rest = new ArrayList<>(byScore.subList(config.dScore(), byScore.size()));
    Collections.shuffle(rest, router.random);
    keep.addAll(rest.subList(0, config.d() - config.dScore()));
    List<PeerId> dropped = new ArrayList<>(rest.subList(config.d() - config.dScore(), rest.size()));
    long out = keep.stream().filter(this::outbound).count();
    // Swap outbound peers in for the randomly kept inbound ones until Dout is met.
    for (int i = keep.size() - 1; i >= config.dScore() && out < config.dOut(); i--) {
      if (outbound(keep.get(i))) {
        continue;
      }
      Iterator<PeerId> it = dropped.iterator();
      while (it.hasNext()) {
        PeerId candidate = it.next();
        if (outbound(candidate)) {
          it.remove();
          dropped.add(keep.set(i, candidate));
          out++;
          break;
        }
      }
    }
    for (PeerId p : dropped) {
      prune(topic, p, true, now, batch);
    }
  }

  private void graft(String topic, PeerId peer, ControlBatch batch) {
    router.enterMesh(peer, topic);
    batch.graft(peer, topic);
  }

  private void prune(String topic, PeerId peer, boolean px, long now, ControlBatch batch) {
    long backoff = config.pruneBackoff().toMillis();
    router.leaveMesh(peer, topic);
    router.state.backoff(topic, peer, now + backoff);
    batch.prune(peer, router.prune(peer, topic, px, backoff));
  }

  private void maintainFanout(long now, ControlBatch batch) {
    Iterator<Map.Entry<String, Set<PeerId>>> it = router.state.fanout.entrySet().iterator();
    double threshold = config.scoreThresholds().publishThreshold();
    while (it.hasNext()) {
      Map.Entry<String, Set<PeerId>> e = it.next();
      String topic = e.getKey();
      Long last = router.state.fanoutLastPublishMillis.get(topic);
      if (last == null || last + config.fanoutTtl().toMillis() < now) {
        it.remove();
        router.state.fanoutLastPublishMillis.remove(topic);
        continue;
      }
      Set<PeerId> fanout = e.getValue();
      fanout.removeIf(p -> !router.state.topicPeers(topic).contains(p) || score(p) < threshold);
      if (fanout.size() < config.d()) {
        PeerSelection.shuffled(router.state.topicPeers(topic), router.random,
                p -> !fanout.contains(p) && score(p) >= threshold).stream()
            .limit(config.d() - fanout.size()).forEach(fanout::add);
      }
      gossip(topic, fanout, batch);
    }
  }

  /** IHAVE of the recent messages of {@code topic} to random peers outside {@code exclude}. */
  private void gossip(String topic, Set<PeerId> exclude, ControlBatch batch) {
    List<MessageId> ids = new ArrayList<>(router.mcache.gossipIds(topic));
    if (ids.isEmpty()) {
      return;
    }
    Collections.shuffle(ids, router.random);
    if (ids.size() > config.maxIHaveLength()) {
      ids = ids.subList(0, config.maxIHaveLength());
    }
    List<PeerId> candidates = PeerSelection.shuffled(router.state.topicPeers(topic), router.random,
        p -> !exclude.contains(p) && score(p) >= config.scoreThresholds().gossipThreshold()
            && !router.state.peers.get(p).protocol.startsWith("/floodsub"));
    int target = Math.max(config.dLazy(), (int) (config.gossipFactor() * candidates.size()));
    RpcProto.ControlIHave.Builder ihave = RpcProto.ControlIHave.newBuilder().setTopicID(topic);
    ids.forEach(id -> ihave.addMessageIDs(ByteString.copyFrom(id.bytes())));
    RpcProto.ControlIHave built = ihave.build();
    candidates.stream().limit(target).forEach(p -> batch.ihave(p, built));
  }

}
