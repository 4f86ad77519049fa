package ai.hanzo.libp2p.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.libp2p.pb.pubsub.RpcProto;
import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.libp2p.pubsub.score.TopicScoreParams;
import com.google.protobuf.ByteString;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class GossipAndValidationTest {
  private static final String T = "t";
  private final Ed25519PrivateKey author = Ed25519PrivateKey.generate();

  private static GossipsubConfig scoredTopic() {
    GossipsubConfig d = GossipsubConfig.defaults();
    return d.withScoring(d.scoreParams().withTopic(T, TopicScoreParams.defaults()),
        d.scoreThresholds());
  }

  private static MessageId idOf(RpcProto.Message m) throws InvalidMessageException {
    return MessageSigning.verify(m).id();
  }

  @Test
  void forwardsAValidMessageToTheMeshOnceAndDropsDuplicates() {
    RouterHarness h = new RouterHarness(GossipsubConfig.defaults());
    h.router.subscribe(T, m -> { });
    List<PeerId> peers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      peers.add(h.peer(true, T));
    }
    h.router.heartbeat();
    RpcProto.Message m = RouterHarness.signed(author, T, "hello", 1);
    h.router.handleRpc(peers.get(0), RouterHarness.publish(m));
    h.router.handleRpc(peers.get(1), RouterHarness.publish(m));
    assertThat(h.delivered).singleElement()
        .satisfies(d -> assertThat(new String(d.data())).isEqualTo("hello"));
    assertThat(h.messagesTo(peers.get(0))).isEmpty();
    for (PeerId p : peers.subList(1, 4)) {
      assertThat(h.messagesTo(p)).containsExactly(m);
    }
  }

  @Test
  void rejectsBadSignaturesAndPenalizesTheSenderInScoredTopics() {
    RouterHarness h = new RouterHarness(scoredTopic());
    h.router.subscribe(T, m -> { });
    PeerId p = h.peer(true, T);
    PeerId q = h.peer(true, T);
    RpcProto.Message good = RouterHarness.signed(author, T, "x", 7);
    RpcProto.Message forged = good.toBuilder().setData(ByteString.copyFromUtf8("y")).build();
    h.router.handleRpc(p, RouterHarness.publish(forged));
    h.router.handleRpc(q, RouterHarness.publish(good.toBuilder().clearSignature().build()));
    assertThat(h.delivered).isEmpty();
    assertThat(h.router.scoreOf(p)).isEqualTo(-100.0);
    assertThat(h.router.scoreOf(q)).isEqualTo(-100.0);
    assertThat(h.router.isGraylisted(p)).isTrue();
    // Graylisted: even a valid message is ignored now.
    h.router.handleRpc(p, RouterHarness.publish(good));
    assertThat(h.delivered).isEmpty();
  }

  @Test
  void asyncValidatorVerdictsDecideDelivery() {
    RouterHarness h = new RouterHarness(scoredTopic());
    h.router.subscribe(T, m -> { });
    PeerId p = h.peer(true, T);
    List<CompletableFuture<ValidationResult>> verdicts = new ArrayList<>();
    h.router.addValidator(T, m -> {
      CompletableFuture<ValidationResult> f = new CompletableFuture<>();
      verdicts.add(f);
      return f;
    });
    h.router.handleRpc(p, RouterHarness.publish(RouterHarness.signed(author, T, "a", 1)));
    h.router.handleRpc(p, RouterHarness.publish(RouterHarness.signed(author, T, "b", 2)));
    h.router.handleRpc(p, RouterHarness.publish(RouterHarness.signed(author, T, "c", 3)));
    assertThat(h.delivered).isEmpty();
    verdicts.get(0).complete(ValidationResult.ACCEPT);
    verdicts.get(1).complete(ValidationResult.IGNORE);
    verdicts.get(2).complete(ValidationResult.REJECT);
    assertThat(h.delivered).extracting(m -> new String(m.data())).containsExactly("a");
    // One first delivery (+1) and one invalid message (-100).
    assertThat(h.router.scoreOf(p)).isEqualTo(1.0 - 100.0);
  }

  @Test
  void answersIhaveWithIwantAndPenalizesBrokenPromises() {
    RouterHarness h = new RouterHarness(GossipsubConfig.defaults());
    h.router.subscribe(T, m -> { });
    PeerId p = h.peer(true, T);
    RpcProto.Message m = RouterHarness.signed(author, T, "x", 1);
    ByteString id = ByteString.copyFrom(MessageSigning.messageId(author.publicKey(), m.getSeqno())
        .toBytes());
    h.router.handleRpc(p, RouterHarness.control(RpcProto.ControlMessage.newBuilder()
        .addIhave(RpcProto.ControlIHave.newBuilder().setTopicID(T).addMessageIDs(id))));
    assertThat(h.sentTo(p).stream().flatMap(r -> r.getControl().getIwantList().stream())
        .flatMap(w -> w.getMessageIDsList().stream())).containsExactly(id);
    h.clock.advance(Duration.ofSeconds(4));
    h.router.heartbeat();
    assertThat(h.router.scoreOf(p)).isEqualTo(-10.0);
  }

  @Test
  void boundsIhaveMessagesPerHeartbeat() {
    RouterHarness h = new RouterHarness(GossipsubConfig.defaults());
    h.router.subscribe(T, m -> { });
    PeerId p = h.peer(true, T);
    for (int i = 0; i < 20; i++) {
      h.router.handleRpc(p, RouterHarness.control(RpcProto.ControlMessage.newBuilder()
          .addIhave(RpcProto.ControlIHave.newBuilder().setTopicID(T)
              .addMessageIDs(ByteString.copyFrom(new byte[] {(byte) i})))));
    }
    long iwants = h.sentTo(p).stream().filter(r -> r.getControl().getIwantCount() > 0).count();
    assertThat(iwants).isEqualTo(GossipsubConfig.defaults().maxIHaveMessages());
  }

  @Test
  void servesIwantFromTheMessageCacheAtMostGossipRetransmissionTimes() throws Exception {
    RouterHarness h = new RouterHarness(GossipsubConfig.defaults());
    h.router.subscribe(T, m -> { });
    PeerId p = h.peer(false);
    h.router.publish(T, new byte[] {1});
    RpcProto.Message ours = h.router.mcache.get(h.delivered.get(0).id()).orElseThrow();
    RpcProto.RPC iwant = RouterHarness.control(RpcProto.ControlMessage.newBuilder()
        .addIwant(RpcProto.ControlIWant.newBuilder()
            .addMessageIDs(ByteString.copyFrom(idOf(ours).toBytes()))));
    for (int i = 0; i < 5; i++) {
      h.router.handleRpc(p, iwant);
    }
    assertThat(h.messagesTo(p)).hasSize(3);
    assertThat(h.router.scoreOf(p)).isEqualTo(-10.0 * 2 * 2);
  }

  @Test
  void emitsIhaveGossipToNonMeshPeers() {
    RouterHarness h = new RouterHarness(GossipsubConfig.defaults());
    h.router.subscribe(T, m -> { });
    List<PeerId> peers = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      peers.add(h.peer(true, T));
    }
    h.router.heartbeat();
    h.router.publish(T, new byte[] {1});
    h.router.heartbeat();
    List<PeerId> gossiped = peers.stream().filter(p -> !h.ihavesTo(p).isEmpty()).toList();
    assertThat(gossiped).hasSize(4).doesNotContainAnyElementsOf(h.router.meshPeers(T));
  }

  @Test
  void acceptsPeerExchangeOnlyFromWellScoredPeers() {
    GossipsubConfig d = GossipsubConfig.defaults();
    PeerId stranger = PeerId.fromPublicKey(Ed25519PrivateKey.generate().publicKey());
    RpcProto.RPC prune = RouterHarness.control(RpcProto.ControlMessage.newBuilder()
        .addPrune(RpcProto.ControlPrune.newBuilder().setTopicID(T).setBackoff(60)
            .addPeers(RpcProto.PeerInfo.newBuilder()
                .setPeerID(ByteString.copyFrom(stranger.toBytes())))));

    RouterHarness neutral = new RouterHarness(d);
    neutral.router.subscribe(T, m -> { });
    neutral.router.handleRpc(neutral.peer(true, T), prune);
    assertThat(neutral.dialled).isEmpty();

    List<PeerId> liked = new ArrayList<>();
    RouterHarness trusting = new RouterHarness(d.withScoring(
        d.scoreParams().withAppSpecificScore(p -> liked.contains(p) ? 2 : 0),
        d.scoreThresholds()));
    trusting.router.subscribe(T, m -> { });
    PeerId friend = trusting.peer(true, T);
    liked.add(friend);
    trusting.router.handleRpc(friend, prune);
    assertThat(trusting.dialled).containsExactly(stranger);
  }

  @Test
  void refusesToPublishOverTheSizeLimitOrWithoutATopic() {
    RouterHarness h = new RouterHarness(GossipsubConfig.defaults().withMaxMessageSize(1024));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> h.router.publish(T, new byte[2000]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxMessageSize 1024");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> h.router.subscribe("", m -> { }))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-empty");
  }
}
