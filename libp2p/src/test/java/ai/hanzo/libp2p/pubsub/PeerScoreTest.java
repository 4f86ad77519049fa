package ai.hanzo.libp2p.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.libp2p.pubsub.score.PeerScoreParams;
import ai.hanzo.libp2p.pubsub.score.TopicScoreParams;
import ai.hanzo.testing.MutableClock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PeerScoreTest {
  private static final String T = "t";
  private final MutableClock clock = new MutableClock();

  private static PeerId newPeer() {
    return PeerId.fromPublicKey(Ed25519PrivateKey.generate().publicKey());
  }

  private PeerScore scorer(TopicScoreParams topic) {
    return new PeerScore(PeerScoreParams.defaults().withTopic(T, topic), clock, 120_000);
  }

  @Test
  void timeInMeshAndFirstDeliveriesAreRewardedUpToTheTopicCap() {
    PeerScore score = scorer(TopicScoreParams.defaults());
    PeerId p = newPeer();
    score.addPeer(p, RouterHarness.ip(1));
    score.graft(p, T);
    clock.advance(Duration.ofSeconds(100));
    assertThat(score.score(p)).isCloseTo(100 * 0.01, within(1e-9));
    for (int i = 0; i < 3; i++) {
      score.validated(p, MessageId.of(new byte[] {(byte) i}), T);
    }
    assertThat(score.score(p)).isCloseTo(1 + 3, within(1e-9));
    for (int i = 3; i < 50; i++) {
      score.validated(p, MessageId.of(new byte[] {(byte) i}), T);
    }
    assertThat(score.score(p)).isEqualTo(10.0);
  }

  @Test
  void meshDeliveryDeficitIsPenalizedAfterActivationAndKeptAsFailurePenalty() {
    TopicScoreParams tp = TopicScoreParams.defaults().withMeshDeliveries(-1, 4, Duration.ofSeconds(2));
    PeerScore score = scorer(new TopicScoreParams(1, 0, Duration.ofSeconds(1), 0, 0, 0.5, 100,
        tp.meshMessageDeliveriesWeight(), 0.5, 100, 4, Duration.ofMillis(10), Duration.ofSeconds(2),
        -1, 0.5, -100, 0.3));
    PeerId p = newPeer();
    score.addPeer(p, RouterHarness.ip(1));
    score.graft(p, T);
    score.validated(p, MessageId.of(new byte[] {1}), T);
    assertThat(score.score(p)).isZero();
    clock.advance(Duration.ofSeconds(3));
    score.decay();
    // One delivery decayed to 0.5; deficit 3.5 squared, weight -1.
    assertThat(score.score(p)).isCloseTo(-12.25, within(1e-9));
    score.prune(p, T);
    assertThat(score.score(p)).isCloseTo(-12.25, within(1e-9));
    score.decay();
    assertThat(score.score(p)).isCloseTo(-12.25 / 2, within(1e-9));
  }

  @Test
  void duplicatesWithinTheWindowCountAsMeshDeliveriesAndInvalidOnesPenalizeEveryone() {
    PeerScore score = scorer(TopicScoreParams.defaults());
    PeerId first = newPeer();
    PeerId second = newPeer();
    score.addPeer(first, RouterHarness.ip(1));
    score.addPeer(second, RouterHarness.ip(2));
    MessageId bad = MessageId.of(new byte[] {9});
    score.deliveryStarted(bad);
    score.duplicate(second, bad, T);
    score.rejected(first, bad, T);
    assertThat(score.score(first)).isEqualTo(-100.0);
    assertThat(score.score(second)).isEqualTo(-100.0);
  }

  @Test
  void ipColocationAndBehaviourPenaltiesAreSquaredSurpluses() {
    PeerScore score = new PeerScore(PeerScoreParams.defaults().withIpColocation(-5, 2, Set.of()),
        clock, 120_000);
    PeerId[] peers = {newPeer(), newPeer(), newPeer(), newPeer()};
    for (PeerId p : peers) {
      score.addPeer(p, RouterHarness.ip(7));
    }
    assertThat(score.score(peers[0])).isEqualTo(-5.0 * 2 * 2);
    score.addPenalty(peers[0], 3);
    assertThat(score.score(peers[0])).isEqualTo(-20.0 - 10 * 9);
    score.decay();
    assertThat(score.score(peers[0])).isCloseTo(-20.0 - 10 * 2.97 * 2.97, within(1e-9));
  }

  @Test
  void aDisconnectedPeersBadScoreIsRetained() {
    PeerScore score = scorer(TopicScoreParams.defaults());
    PeerId p = newPeer();
    score.addPeer(p, RouterHarness.ip(1));
    score.rejected(p, null, T);
    score.removePeer(p);
    score.addPeer(p, RouterHarness.ip(1));
    assertThat(score.score(p)).isEqualTo(-100.0);
  }

  @Test
  void appSpecificScoreIsWeighted() {
    PeerId p = newPeer();
    PeerScore score = new PeerScore(PeerScoreParams.defaults()
        .withAppSpecificScore(q -> q.equals(p) ? -3 : 0), clock, 120_000);
    score.addPeer(p, RouterHarness.ip(1));
    assertThat(score.score(p)).isEqualTo(-30.0);
  }
}
