package ai.hanzo.libp2p.pubsub;

import ai.hanzo.libp2p.multiformats.MultiformatException;
import ai.hanzo.libp2p.pb.pubsub.RpcProto;
import ai.hanzo.libp2p.peer.PeerId;
import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Handles the control part of inbound RPCs (IHAVE, IWANT, GRAFT, PRUNE, IDONTWANT) with the v1.1 defences:
 * gossip from low-scored peers ignored, IHAVE and IWANT volume bounded per heartbeat, GRAFTs
 * during a backoff penalized. Runs on the router's thread.
 */
final class ControlHandler {
  private final GossipRouter router;
  private final GossipsubConfig config;
  private final Map<PeerId, Integer> ihavesThisHeartbeat = new HashMap<>();
  private final Map<PeerId, Integer> idsAskedThisHeartbeat = new HashMap<>();

  ControlHandler(GossipRouter router) {
    this.router = router;
    this.config = router.config;
  }

  /** Starts new per-heartbeat IHAVE/IWANT budgets. */
  void newHeartbeat() {
    ihavesThisHeartbeat.clear();
    idsAskedThisHeartbeat.clear();
  }

  void handle(PeerId from, RpcProto.ControlMessage control) {
    RpcProto.ControlMessage.Builder reply = RpcProto.ControlMessage.newBuilder();
    List<RpcProto.Message> wanted = new ArrayList<>();
    ihave(from, control.getIhaveList()).ifPresent(reply::addIwant);
    iwant(from, control.getIwantList(), wanted);
    for (RpcProto.ControlGraft g : control.getGraftList()) {
      graft(from, g.getTopicID()).ifPresent(reply::addPrune);
    }
    for (RpcProto.ControlPrune p : control.getPruneList()) {
      prune(from, p);
    }
    router.dontWant.received(from, control.getIdontwantList());
    if (reply.getIwantCount() > 0 || reply.getPruneCount() > 0) {
      router.sender.send(from, RpcProto.RPC.newBuilder().setControl(reply).build());
    }
    sendMessages(from, wanted);
  }

  private Optional<RpcProto.ControlIWant> ihave(PeerId from, List<RpcProto.ControlIHave> ihaves) {
    if (ihaves.isEmpty()
        || router.score.score(from) < config.scoreThresholds().gossipThreshold()
        || ihavesThisHeartbeat.merge(from, 1, Integer::sum) > config.maxIHaveMessages()) {
      return Optional.empty();
    }
    int asked = idsAskedThisHeartbeat.getOrDefault(from, 0);
    if (asked >= config.maxIHaveLength()) {
      return Optional.empty();
    }
    List<MessageId> unseen = new ArrayList<>();
    for (RpcProto.ControlIHave ihave : ihaves) {
      if (!router.state.mesh.containsKey(ihave.getTopicID())) {
        continue;
      }
      for (ByteString raw : ihave.getMessageIDsList()) {
        MessageId id = MessageId.wrap(raw.toByteArray());
        if (!router.seen.contains(id)) {
          unseen.add(id);
        }
      }
    }
    if (unseen.isEmpty()) {
      return Optional.empty();
    }
    Collections.shuffle(unseen, router.random);
    List<MessageId> ask = unseen.subList(0, Math.min(unseen.size(),
        config.maxIHaveLength() - asked));
    idsAskedThisHeartbeat.put(from, asked + ask.size());
    // One promise per IWANT is enough to catch a peer that advertises what it never delivers.
    router.promises.expect(from, ask.get(router.random.nextInt(ask.size())),
        router.clock.millis() + config.iwantFollowupTime().toMillis());
    RpcProto.ControlIWant.Builder iwant = RpcProto.ControlIWant.newBuilder();
    ask.forEach(id -> iwant.addMessageIDs(ByteString.copyFrom(id.bytes())));
    return Optional.of(iwant.build());
  }

  private void iwant(PeerId from, List<RpcProto.ControlIWant> iwants, List<RpcProto.Message> out) {
    if (iwants.isEmpty()
        || router.score.score(from) < config.scoreThresholds().gossipThreshold()) {
      return;
    }
    int refused = 0;
    for (RpcProto.ControlIWant iwant : iwants) {
      for (ByteString raw : iwant.getMessageIDsList()) {
        MessageId id = MessageId.wrap(raw.toByteArray());
        boolean known = router.mcache.get(id).isPresent();
        Optional<RpcProto.Message> m = router.mcache.fetch(id, from,
            config.gossipRetransmission());
        if (m.isPresent()) {
          out.add(m.get());
        } else if (known) {
          refused++;
        }
      }
    }
    if (refused > 0) {
      // Asking for the same message over and over is an IWANT flood.
      router.score.addPenalty(from, 1);
    }
  }

  /** Sends IWANT answers in RPCs that stay under the size limit. */
  private void sendMessages(PeerId to, List<RpcProto.Message> messages) {
    RpcProto.RPC.Builder rpc = RpcProto.RPC.newBuilder();
    int size = 0;
    for (RpcProto.Message m : messages) {
      int bytes = m.getSerializedSize() + 8;
      if (size > 0 && size + bytes > config.maxMessageSize()) {
        router.sender.send(to, rpc.build());
        rpc = RpcProto.RPC.newBuilder();
        size = 0;
      }
      rpc.addPublish(m);
      size += bytes;
    }
    if (size > 0) {
      router.sender.send(to, rpc.build());
    }
  }

  /** Returns the PRUNE to answer with when the GRAFT is refused. */
  private Optional<RpcProto.ControlPrune> graft(PeerId from, String topic) {
    Set<PeerId> mesh = router.state.mesh.get(topic);
    if (mesh == null || mesh.contains(from)) {
      // Not subscribed: no PX, so that unknown topics do not leak our peers.
      return mesh == null
          ? Optional.of(router.prune(from, topic, false, config.pruneBackoff().toMillis()))
          : Optional.empty();
    }
    long now = router.clock.millis();
    long backoff = config.pruneBackoff().toMillis();
    if (router.state.inBackoff(topic, from, now)) {
      router.score.addPenalty(from, 1);
      long floodCutoff = router.state.backoffUntilMillis(topic, from)
          + config.graftFloodThreshold().toMillis() - backoff;
      if (now < floodCutoff) {
        router.score.addPenalty(from, 1);
      }
      router.state.backoff(topic, from, now + backoff);
      return Optional.of(router.prune(from, topic, false, backoff));
    }
    double score = router.score.score(from);
    MeshState.Peer peer = router.state.peers.get(from);
    if (score < 0 || (mesh.size() >= config.dHi() && !peer.outbound)) {
      router.state.backoff(topic, from, now + backoff);
      return Optional.of(router.prune(from, topic, score >= 0, backoff));
    }
    router.enterMesh(from, topic);
    return Optional.empty();
  }

  private void prune(PeerId from, RpcProto.ControlPrune prune) {
    String topic = prune.getTopicID();
    router.leaveMesh(from, topic);
    long backoffMillis = prune.hasBackoff()
        ? Math.min(prune.getBackoff(), Long.MAX_VALUE / 2000) * 1000
        : config.pruneBackoff().toMillis();
    router.state.backoff(topic, from, router.clock.millis() + backoffMillis);
    if (prune.getPeersCount() > 0
        && router.score.score(from) >= config.scoreThresholds().acceptPxThreshold()) {
      prune.getPeersList().stream().limit(config.prunePeers()).forEach(info -> {
        try {
          PeerId candidate = PeerId.fromBytes(info.getPeerID().toByteArray());
          if (!candidate.equals(router.self) && !router.isPubsubPeer(candidate)) {
            router.sender.connect(candidate);
          }
        } catch (MultiformatException e) {
          router.score.addPenalty(from, 1);
        }
      });
    }
  }
}
