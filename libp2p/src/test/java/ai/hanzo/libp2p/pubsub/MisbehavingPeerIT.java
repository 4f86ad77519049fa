package ai.hanzo.libp2p.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.libp2p.pb.pubsub.RpcProto;
import ai.hanzo.libp2p.pubsub.score.TopicScoreParams;
import com.google.protobuf.ByteString;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A hand-driven peer misbehaves towards a Java victim that shares a mesh with two honest nodes:
 * its score drops, it is pruned and graylisted, and the honest nodes keep receiving.
 */
class MisbehavingPeerIT {
  private static final String T = "guarded";
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final int MAX_SIZE = 64 * 1024;
  private final List<AutoCloseable> open = new ArrayList<>();
  private GossipNode victim;
  private GossipNode honest1;
  private GossipNode honest2;
  private RawPubsubPeer raw;

  private static GossipsubConfig config() {
    GossipsubConfig d = GossipsubConfig.defaults().withMaxMessageSize(MAX_SIZE);
    return d.withScoring(d.scoreParams().withTopic(T, TopicScoreParams.defaults()),
        d.scoreThresholds());
  }

  @BeforeEach
  void start() throws Exception {
    victim = GossipNode.start(config());
    open.add(victim);
    honest1 = GossipNode.start(config());
    open.add(honest1);
    honest2 = GossipNode.start(config());
    open.add(honest2);
    raw = new RawPubsubPeer();
    open.add(raw);
    for (GossipNode n : List.of(victim, honest1, honest2)) {
      n.subscribe(T);
    }
    honest1.dial(victim.address);
    honest2.dial(victim.address);
    raw.connect(victim.address);
    raw.send(RpcProto.RPC.newBuilder().addSubscriptions(RpcProto.RPC.SubOpts.newBuilder()
        .setTopic(T).setSubscribe(true)).build());
    raw.send(RouterHarness.graft(T));
    await().atMost(WAIT).untilAsserted(() ->
        assertThat(victim.mesh(T)).contains(raw.peerId(), honest1.peerId(), honest2.peerId()));
  }

  @AfterEach
  void stop() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  private void assertPunishedWhileHonestPeersStillReceive(String probe) throws Exception {
    assertPunishedWhileHonestPeersStillReceive(probe, true);
  }

  /** With {@code graylisted} false the peer need only fall below the gossip threshold. */
  private void assertPunishedWhileHonestPeersStillReceive(String probe, boolean graylisted)
      throws Exception {
    double gossipThreshold = config().scoreThresholds().gossipThreshold();
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(victim.gossip.peerScore(raw.peerId()).get()).isLessThan(gossipThreshold);
      assertThat(victim.gossip.isGraylisted(raw.peerId()).get()).isEqualTo(graylisted);
      assertThat(victim.mesh(T)).doesNotContain(raw.peerId());
      assertThat(raw.prunesFor(T)).isPositive();
    });
    honest1.publish(T, probe);
    await().atMost(WAIT).until(() -> victim.got(probe) && honest2.got(probe));
    assertThat(raw.messages(probe)).as("a graylisted peer is no mesh member").isZero();
  }

  @Test
  void invalidSignatures() throws Exception {
    RpcProto.Message good = RouterHarness.signed(raw.key, T, "genuine", 1);
    raw.send(RouterHarness.publish(good.toBuilder().setData(ByteString.copyFromUtf8("forged"))
        .build()));
    assertPunishedWhileHonestPeersStillReceive("after-forgery");
    assertThat(victim.got("forged")).isFalse();
  }

  @Test
  void oversizedMessages() throws Exception {
    for (int i = 0; i < 3; i++) {
      raw.send(RouterHarness.publish(RouterHarness.signed(raw.key, T, "x".repeat(MAX_SIZE + 1), i)));
    }
    assertPunishedWhileHonestPeersStillReceive("after-oversize");
    assertThat(victim.received.keySet()).noneMatch(d -> d.startsWith("xxx"));
  }

  @Test
  void graftSpamDuringBackoff() throws Exception {
    raw.send(RouterHarness.control(RpcProto.ControlMessage.newBuilder()
        .addPrune(RpcProto.ControlPrune.newBuilder().setTopicID(T).setBackoff(60))));
    for (int i = 0; i < 5; i++) {
      raw.send(RouterHarness.graft(T));
    }
    assertPunishedWhileHonestPeersStillReceive("after-graft-spam");
  }

  @Test
  void iwantFlood() throws Exception {
    honest1.publish(T, "wanted");
    await().atMost(WAIT).until(() -> victim.got("wanted"));
    byte[] wantedId = raw.received.stream().flatMap(r -> r.getPublishList().stream())
        .filter(m -> m.getData().toStringUtf8().equals("wanted")).findFirst()
        .map(m -> MessageSigning.claimedId(m).orElseThrow().toBytes())
        .orElseThrow(() -> new AssertionError("the mesh member did not get the message"));
    RpcProto.RPC iwant = RouterHarness.control(RpcProto.ControlMessage.newBuilder()
        .addIwant(RpcProto.ControlIWant.newBuilder().addMessageIDs(ByteString.copyFrom(wantedId))));
    for (int i = 0; i < 20; i++) {
      raw.send(iwant);
    }
    // Below the gossip threshold its IWANTs are ignored, which also stops further penalties.
    assertPunishedWhileHonestPeersStillReceive("after-iwant-flood", false);
    // One copy as a mesh member, at most gossipRetransmission more on request.
    assertThat(raw.messages("wanted")).isLessThanOrEqualTo(1 + config().gossipRetransmission());
  }
}
