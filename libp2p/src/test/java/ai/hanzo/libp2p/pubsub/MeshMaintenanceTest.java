package ai.hanzo.libp2p.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.libp2p.peer.PeerId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeshMaintenanceTest {
  private static final String T = "t";
  private final RouterHarness h = new RouterHarness(GossipsubConfig.defaults());

  private List<PeerId> peers(int n, boolean outbound) {
    List<PeerId> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(h.peer(outbound, T));
    }
    return out;
  }

  @Test
  void subscribingGraftsDPeersAndAnnouncesTheTopic() {
    List<PeerId> all = peers(10, true);
    h.router.subscribe(T, m -> { });
    assertThat(h.router.meshPeers(T)).hasSize(6);
    for (PeerId p : all) {
      assertThat(h.sentTo(p).get(0).getSubscriptions(0).getTopic()).isEqualTo(T);
      assertThat(h.graftsTo(p)).hasSize(h.router.meshPeers(T).contains(p) ? 1 : 0);
    }
  }

  @Test
  void heartbeatFillsAMeshBelowDloUpToD() {
    h.router.subscribe(T, m -> { });
    assertThat(h.router.meshPeers(T)).isEmpty();
    peers(8, true);
    h.router.heartbeat();
    assertThat(h.router.meshPeers(T)).hasSize(6);
  }

  @Test
  void heartbeatShrinksAnOversizedMeshToDKeepingDoutOutboundPeers() {
    h.router.subscribe(T, m -> { });
    List<PeerId> inbound = peers(14, false);
    List<PeerId> outbound = peers(1, true);
    inbound.forEach(p -> h.router.handleRpc(p, RouterHarness.graft(T)));
    h.router.handleRpc(outbound.get(0), RouterHarness.graft(T));
    // Inbound GRAFTs past Dhi are refused, outbound ones are not.
    assertThat(h.router.meshPeers(T)).hasSize(13).contains(outbound.get(0));
    h.router.heartbeat();
    assertThat(h.router.meshPeers(T)).hasSize(6).contains(outbound.get(0));
    long pruned = inbound.stream().filter(p -> !h.prunesTo(p).isEmpty()).count();
    assertThat(pruned).isEqualTo(7 + 2); // 7 by the heartbeat, 2 GRAFTs refused past Dhi
  }

  @Test
  void heartbeatGraftsOutboundPeersWhenTheMeshHasFewerThanDout() {
    h.router.subscribe(T, m -> { });
    List<PeerId> inbound = peers(5, false);
    inbound.forEach(p -> h.router.handleRpc(p, RouterHarness.graft(T)));
    List<PeerId> outbound = peers(3, true);
    h.router.heartbeat();
    long out = h.router.meshPeers(T).stream().filter(outbound::contains).count();
    assertThat(out).isEqualTo(2);
  }

  @Test
  void graftDuringBackoffIsPenalizedAndRefusedWithAnExtendedBackoff() {
    h.router.subscribe(T, m -> { });
    PeerId p = h.peer(true, T);
    h.router.handleRpc(p, RouterHarness.control(ai.hanzo.libp2p.pb.pubsub.RpcProto.ControlMessage
        .newBuilder().addPrune(ai.hanzo.libp2p.pb.pubsub.RpcProto.ControlPrune.newBuilder()
            .setTopicID(T).setBackoff(60))));
    assertThat(h.router.meshPeers(T)).doesNotContain(p);
    h.router.handleRpc(p, RouterHarness.graft(T));
    assertThat(h.router.meshPeers(T)).doesNotContain(p);
    assertThat(h.prunesTo(p)).isNotEmpty();
    // Two penalties (in backoff, and within the flood threshold): -10 * 2^2.
    assertThat(h.router.scoreOf(p)).isEqualTo(-40.0);
    h.clock.advance(Duration.ofSeconds(30));
    h.router.handleRpc(p, RouterHarness.graft(T));
    // Past the flood threshold: one more penalty, and the backoff now ends 60 s from here.
    assertThat(h.router.scoreOf(p)).isEqualTo(-90.0);
    h.clock.advance(Duration.ofSeconds(31));
    h.router.heartbeat();
    assertThat(h.router.state.inBackoff(T, p, h.clock.millis())).isTrue();
  }

  @Test
  void negativeScorePeersArePrunedAtTheHeartbeat() {
    h.router.subscribe(T, m -> { });
    List<PeerId> all = peers(6, true);
    h.router.heartbeat();
    PeerId bad = h.router.meshPeers(T).iterator().next();
    h.router.protocolViolation(bad, "test");
    h.router.heartbeat();
    assertThat(h.router.meshPeers(T)).doesNotContain(bad).hasSizeLessThanOrEqualTo(6);
    assertThat(all).contains(bad);
  }

  @Test
  void publishingToAnUnsubscribedTopicUsesAFanoutThatExpires() {
    peers(8, true);
    GossipsubConfig noFlood = GossipsubConfig.defaults().withFloodPublish(false);
    RouterHarness f = new RouterHarness(noFlood);
    for (int i = 0; i < 8; i++) {
      f.peer(true, T);
    }
    assertThat(f.router.publish(T, new byte[] {1})).isEqualTo(6);
    assertThat(f.router.state.fanout.get(T)).hasSize(6);
    f.clock.advance(Duration.ofSeconds(61));
    f.router.heartbeat();
    assertThat(f.router.state.fanout).doesNotContainKey(T);
  }

  @Test
  void floodPublishSendsOwnMessagesToEveryTopicPeer() {
    peers(9, true);
    h.router.subscribe(T, m -> { });
    assertThat(h.router.publish(T, new byte[] {1})).isEqualTo(9);
    assertThat(h.delivered).hasSize(1);
  }

  @Test
  void unsubscribingPrunesTheMeshWithTheUnsubscribeBackoff() {
    List<PeerId> all = peers(6, true);
    h.router.subscribe(T, m -> { });
    h.router.unsubscribe(T);
    for (PeerId p : all) {
      assertThat(h.prunesTo(p)).singleElement()
          .satisfies(pr -> assertThat(pr.getBackoff()).isEqualTo(10));
    }
    assertThat(h.router.meshPeers(T)).isEmpty();
  }

  @Test
  void opportunisticGraftAddsBetterPeersWhenTheMedianScoreIsLow() {
    h.router.subscribe(T, m -> { });
    peers(6, true);
    h.router.heartbeat();
    List<PeerId> extra = peers(4, true);
    // Make the extra peers look good to P5 so that they beat the median (0).
    GossipsubConfig config = GossipsubConfig.defaults();
    RouterHarness g = new RouterHarness(config.withScoring(config.scoreParams()
        .withAppSpecificScore(p -> extra.contains(p) ? 5 : 0), config.scoreThresholds()));
    g.router.subscribe(T, m -> { });
    for (int i = 0; i < 6; i++) {
      g.peer(true, T);
    }
    g.router.heartbeat();
    List<PeerId> good = new ArrayList<>();
    // The harness's peers are new identities: register the good ones through the same scorer.
    for (PeerId p : extra) {
      g.router.addPeer(p, Gossipsub.MESHSUB_V11, true, RouterHarness.ip(200 + good.size()));
      g.router.handleRpc(p, ai.hanzo.libp2p.pb.pubsub.RpcProto.RPC.newBuilder().addSubscriptions(
          ai.hanzo.libp2p.pb.pubsub.RpcProto.RPC.SubOpts.newBuilder().setTopic(T)
              .setSubscribe(true)).build());
      good.add(p);
    }
    for (int i = 0; i < config.opportunisticGraftTicks(); i++) {
      g.router.heartbeat();
    }
    assertThat(g.router.meshPeers(T).stream().filter(good::contains).count()).isEqualTo(2);
  }
}
