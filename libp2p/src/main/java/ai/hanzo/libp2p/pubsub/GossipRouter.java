package ai.hanzo.libp2p.pubsub;

import ai.hanzo.libp2p.crypto.PrivateKey;
import ai.hanzo.libp2p.pb.pubsub.RpcProto;
import ai.hanzo.libp2p.peer.PeerId;
import com.google.protobuf.ByteString;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gossipsub v1.1 router (with v1.2's IDONTWANT): peers, subscriptions, publishing, message validation and forwarding.
 * Control messages are handled by {@link ControlHandler}, periodic mesh upkeep by {@link
 * Heartbeat}. Every method must run on one thread (the {@code executor} given here), which owns
 * all state; validators' asynchronous verdicts are brought back onto it.
 */
final class GossipRouter {
  private static final Logger LOG = LoggerFactory.getLogger(GossipRouter.class);

  final GossipsubConfig config;
  final PeerId self;
  final Clock clock;
  final Random random;
  final RpcSender sender;
  final GossipsubListener listener;
  final MeshState state = new MeshState();
  final PeerScore score;
  final MessageCache mcache;
  final GossipPromises promises = new GossipPromises();
  final SeenCache seen;
  final DontWantList dontWant;
  private final PrivateKey identity;
  private final Executor executor;
  private final Map<String, List<Consumer<PubsubMessage>>> handlers = new HashMap<>();
  private final Map<String, Validator> validators = new HashMap<>();
  private final ControlHandler control;
  private final Heartbeat heartbeat;
  private long nextSeqno;

  GossipRouter(GossipsubConfig config, PrivateKey identity, Clock clock, Random random,
      RpcSender sender, GossipsubListener listener, Executor executor) {
    this.config = config;
    this.identity = identity;
    this.self = PeerId.fromPublicKey(identity.publicKey());
    this.clock = clock;
    this.random = random;
    this.sender = sender;
    this.listener = listener;
    this.executor = executor;
    this.score = new PeerScore(config.scoreParams(), clock, config.seenTtl().toMillis());
    this.mcache = new MessageCache(config.mcacheGossip(), config.mcacheLength());
    this.seen = new SeenCache(clock, config.seenTtl().toMillis());
    this.dontWant = new DontWantList(this);
    this.control = new ControlHandler(this);
    this.heartbeat = new Heartbeat(this, control);
    // Seqnos start at the wall clock so that a restarted node never reuses a message id.
    this.nextSeqno = clock.millis() * 1_000_000L;
  }

  // ---- peers ----

  void addPeer(PeerId peer, String protocol, boolean outbound, InetAddress ip) {
    if (state.peers.containsKey(peer)) {
      return;
    }
    state.peers.put(peer, new MeshState.Peer(peer, protocol, outbound, ip));
    score.addPeer(peer, ip);
    if (!state.subscriptions.isEmpty()) {
      RpcProto.RPC.Builder hello = RpcProto.RPC.newBuilder();
      state.subscriptions.forEach(t -> hello.addSubscriptions(subOpts(t, true)));
      sender.send(peer, hello.build());
    }
  }

  void removePeer(PeerId peer) {
    MeshState.Peer p = state.peers.remove(peer);
    if (p == null) {
      return;
    }
    for (String topic : new ArrayList<>(p.topics)) {
      leaveMesh(peer, topic);
      Set<PeerId> subscribers = state.topicPeers.get(topic);
      if (subscribers != null && subscribers.remove(peer) && subscribers.isEmpty()) {
        state.topicPeers.remove(topic);
      }
    }
    state.fanout.values().forEach(f -> f.remove(peer));
    score.removePeer(peer);
    dontWant.removePeer(peer);
  }

  boolean isPubsubPeer(PeerId peer) {
    return state.peers.containsKey(peer);
  }

  double scoreOf(PeerId peer) {
    return score.score(peer);
  }

  void heartbeat() {
    heartbeat.run();
  }

  Set<PeerId> meshPeers(String topic) {
    return Set.copyOf(state.mesh(topic));
  }

  Set<PeerId> topicPeers(String topic) {
    return Set.copyOf(state.topicPeers(topic));
  }

  // ---- subscriptions ----

  private static void requireTopic(String topic) {
    if (topic == null || topic.isEmpty()) {
      throw new IllegalArgumentException("a topic must be a non-empty string");
    }
  }

  void subscribe(String topic, Consumer<PubsubMessage> handler) {
    requireTopic(topic);
    handlers.computeIfAbsent(topic, t -> new ArrayList<>()).add(handler);
    if (state.subscriptions.add(topic)) {
      announce(topic, true);
      join(topic);
    }
  }

  void unsubscribe(String topic) {
    handlers.remove(topic);
    if (state.subscriptions.remove(topic)) {
      announce(topic, false);
      Set<PeerId> mesh = state.mesh.remove(topic);
      if (mesh != null) {
        long backoff = config.unsubscribeBackoff().toMillis();
        for (PeerId peer : mesh) {
          sender.send(peer, RpcProto.RPC.newBuilder().setControl(RpcProto.ControlMessage
              .newBuilder().addPrune(prune(peer, topic, false, backoff))).build());
          state.backoff(topic, peer, clock.millis() + backoff);
          score.prune(peer, topic);
          listener.pruned(peer, topic);
        }
      }
    }
  }

  void addValidator(String topic, Validator validator) {
    validators.put(topic, validator);
  }

  private void announce(String topic, boolean subscribe) {
    RpcProto.RPC rpc = RpcProto.RPC.newBuilder().addSubscriptions(subOpts(topic, subscribe)).build();
    state.peers.keySet().forEach(p -> sender.send(p, rpc));
  }

  private static RpcProto.RPC.SubOpts subOpts(String topic, boolean subscribe) {
    return RpcProto.RPC.SubOpts.newBuilder().setTopic(topic).setSubscribe(subscribe).build();
  }

  /** Builds the mesh of a newly subscribed topic from its fanout and other topic peers. */
  private void join(String topic) {
    Set<PeerId> mesh = new HashSet<>();
    Set<PeerId> fanout = state.fanout.remove(topic);
    state.fanoutLastPublishMillis.remove(topic);
    long now = clock.millis();
    if (fanout != null) {
      fanout.stream().filter(p -> score.score(p) >= 0).limit(config.d()).forEach(mesh::add);
    }
    List<PeerId> more = PeerSelection.shuffled(state.topicPeers(topic), random,
        p -> !mesh.contains(p) && !state.inBackoff(topic, p, now) && score.score(p) >= 0);
    for (PeerId p : more) {
      if (mesh.size() >= config.d()) {
        break;
      }
      mesh.add(p);
    }
    state.mesh.put(topic, mesh);
    for (PeerId peer : mesh) {
      enterMesh(peer, topic);
      sender.send(peer, RpcProto.RPC.newBuilder().setControl(RpcProto.ControlMessage.newBuilder()
          .addGraft(RpcProto.ControlGraft.newBuilder().setTopicID(topic))).build());
    }
  }

  void enterMesh(PeerId peer, String topic) {
    state.mesh.computeIfAbsent(topic, t -> new HashSet<>()).add(peer);
    score.graft(peer, topic);
    listener.grafted(peer, topic);
  }

  void leaveMesh(PeerId peer, String topic) {
    Set<PeerId> mesh = state.mesh.get(topic);
    if (mesh != null && mesh.remove(peer)) {
      score.prune(peer, topic);
      listener.pruned(peer, topic);
    }
  }

  /** A PRUNE for {@code peer}, with peer exchange when asked for and enabled. */
  RpcProto.ControlPrune prune(PeerId peer, String topic, boolean px, long backoffMillis) {
    RpcProto.ControlPrune.Builder b = RpcProto.ControlPrune.newBuilder().setTopicID(topic)
        .setBackoff(backoffMillis / 1000);
    if (px && config.doPx()) {
      PeerSelection.shuffled(state.topicPeers(topic), random,
              p -> !p.equals(peer) && score.score(p) >= 0).stream()
          .limit(config.prunePeers())
          .forEach(p -> b.addPeers(RpcProto.PeerInfo.newBuilder()
              .setPeerID(ByteString.copyFrom(p.toBytes()))));
    }
    return b.build();
  }

  // ---- publishing ----

  /** Signs and sends a message of ours; returns how many peers it was sent to. */
  int publish(String topic, byte[] data) {
    requireTopic(topic);
    RpcProto.Message message = MessageSigning.sign(identity, topic, data, nextSeqno++);
    int size = RpcProto.RPC.newBuilder().addPublish(message).build().getSerializedSize();
    if (size > config.maxMessageSize()) {
      throw new IllegalArgumentException("message of " + data.length + " bytes is too big: the RPC "
          + "would be " + size + " bytes, over maxMessageSize " + config.maxMessageSize());
    }
    MessageId id = MessageSigning.messageId(identity.publicKey(), message.getSeqno());
    seen.add(id);
    mcache.put(id, message);
    Collection<PeerId> recipients = publishTargets(topic);
    RpcProto.RPC rpc = RpcProto.RPC.newBuilder().addPublish(message).build();
    int sent = 0;
    for (PeerId peer : recipients) {
      if (sender.send(peer, rpc)) {
        sent++;
      }
    }
    if (state.subscriptions.contains(topic)) {
      deliverLocally(new PubsubMessage(topic, data, self, message.getSeqno()
          .asReadOnlyByteBuffer().getLong(), id, self));
    }
    return sent;
  }

  private Collection<PeerId> publishTargets(String topic) {
    double threshold = config.scoreThresholds().publishThreshold();
    Set<PeerId> targets = new HashSet<>();
    if (config.floodPublish()) {
      state.topicPeers(topic).stream().filter(p -> score.score(p) >= threshold)
          .forEach(targets::add);
    }
    if (state.subscriptions.contains(topic)) {
      targets.addAll(state.mesh(topic));
    } else {
      Set<PeerId> fanout = state.fanout.computeIfAbsent(topic, t -> new HashSet<>(
          PeerSelection.shuffled(state.topicPeers(t), random, p -> score.score(p) >= threshold)
              .stream().limit(config.d()).toList()));
      targets.addAll(fanout);
      state.fanoutLastPublishMillis.put(topic, clock.millis());
    }
    return targets;
  }

  // ---- inbound ----

  void handleRpc(PeerId from, RpcProto.RPC rpc) {
    if (!state.peers.containsKey(from)) {
      return;
    }
    if (score.score(from) < config.scoreThresholds().graylistThreshold()) {
      LOG.debug("ignoring an RPC of graylisted peer {}", from);
      return;
    }
    for (RpcProto.RPC.SubOpts sub : rpc.getSubscriptionsList()) {
      if (!sub.getTopic().isEmpty()) {
        state.subscribed(from, sub.getTopic(), sub.getSubscribe());
        if (!sub.getSubscribe()) {
          leaveMesh(from, sub.getTopic());
        }
      }
    }
    for (RpcProto.Message message : rpc.getPublishList()) {
      handleMessage(from, message);
    }
    if (rpc.hasControl()) {
      control.handle(from, rpc.getControl());
    }
  }

  boolean isGraylisted(PeerId peer) {
    return score.score(peer) < config.scoreThresholds().graylistThreshold();
  }

  /** The peer sent a frame over the size limit or one that is no pubsub RPC. */
  void protocolViolation(PeerId from, String what) {
    LOG.debug("{} from {}: behaviour penalty", what, from);
    score.addPenalty(from, 1);
  }

  private void handleMessage(PeerId from, RpcProto.Message message) {
    String topic = message.getTopic();
    if (!state.subscriptions.contains(topic)) {
      return;
    }
    // Duplicates are dropped before the (costly) signature check; only a verified message is
    // marked seen, so a forgery cannot shadow the genuine message with the same id.
    Optional<MessageId> claimed = MessageSigning.claimedId(message);
    if (claimed.isPresent() && seen.contains(claimed.get())) {
      score.duplicate(from, claimed.get(), topic);
      return;
    }
    MessageSigning.Verified verified;
    try {
      verified = MessageSigning.verify(message);
    } catch (InvalidMessageException e) {
      score.rejected(from, null, topic);
      listener.rejected(from, topic, e.getMessage());
      return;
    }
    MessageId id = verified.id();
    promises.delivered(id);
    seen.add(id);
    score.deliveryStarted(id);
    PubsubMessage received = new PubsubMessage(topic, message.getData().toByteArray(),
        verified.from(), verified.seqno(), id, from);
    Validator validator = validators.get(topic);
    if (validator == null) {
      accept(message, received);
      return;
    }
    CompletionStage<ValidationResult> verdict;
    try {
      verdict = validator.validate(received);
    } catch (RuntimeException e) {
      verdict = CompletableFuture.failedFuture(e);
    }
    verdict.whenComplete((result, error) -> executor.execute(() -> {
      if (error != null) {
        LOG.warn("validator of {} failed; ignoring message {}", topic, id, error);
        score.ignored(id);
      } else if (result == ValidationResult.ACCEPT) {
        accept(message, received);
      } else if (result == ValidationResult.REJECT) {
        score.rejected(from, id, topic);
        listener.rejected(from, topic, "rejected by the topic validator");
      } else {
        score.ignored(id);
      }
    }));
  }

  private void accept(RpcProto.Message message, PubsubMessage received) {
    score.validated(received.receivedFrom(), received.id(), received.topic());
    mcache.put(received.id(), message);
    deliverLocally(received);
    RpcProto.RPC rpc = RpcProto.RPC.newBuilder().addPublish(message).build();
    RpcProto.RPC announcing = dontWant.withAnnouncement(rpc, message, received.id());
    for (PeerId peer : state.mesh(received.topic())) {
      if (!peer.equals(received.receivedFrom()) && !peer.equals(received.author())
          && !dontWant.isUnwantedBy(peer, received.id())) {
        sender.send(peer, dontWant.speaksIt(peer) ? announcing : rpc);
      }
    }
  }

  private void deliverLocally(PubsubMessage message) {
    for (Consumer<PubsubMessage> handler : handlers.getOrDefault(message.topic(), List.of())) {
      try {
        handler.accept(message);
      } catch (RuntimeException e) {
        LOG.warn("handler of topic {} failed", message.topic(), e);
      }
    }
    listener.delivered(message);
  }
}
