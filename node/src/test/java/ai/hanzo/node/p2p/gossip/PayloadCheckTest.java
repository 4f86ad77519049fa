package ai.hanzo.node.p2p.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.libp2p.pubsub.ValidationResult;
import ai.hanzo.node.p2p.gossip.wire.ProtoGossipCodecs;
import ai.hanzo.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checks shared by all topics, on heartbeats. */
class PayloadCheckTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final PayloadCodec<NodeAnnouncement> codec = ProtoGossipCodecs.create().heartbeat();
  private final PayloadCheck<NodeAnnouncement> check = new PayloadCheck<>(codec, Duration.ofMinutes(2),
      Duration.ofSeconds(30), clock);

  private byte[] heartbeat(String peer, Instant at) {
    return codec.encode(new NodeAnnouncement("node-1", peer, "hanzo-node/1", "READY",
        new Capabilities(4, 1L << 33, 0, List.of(), List.of("process")), MetricsSummary.NONE, List.of(), at));
  }

  @Test
  void aFreshHeartbeatOfTheSigningPeerIsAccepted() {
    Verdict<NodeAnnouncement> v = check.check("peer-a", heartbeat("peer-a", clock.instant()));
    assertThat(v.result()).isEqualTo(ValidationResult.ACCEPT);
    assertThat(v.payload().capabilities().runtimes()).containsExactly("process");
  }

  @Test
  void speakingForAnotherPeerIsRejected() {
    Verdict<NodeAnnouncement> v = check.check("peer-b", heartbeat("peer-a", clock.instant()));
    assertThat(v.result()).isEqualTo(ValidationResult.REJECT);
    assertThat(v.reason()).contains("claims peer peer-a but was signed by peer-b");
  }

  @Test
  void staleAndFutureTimestampsAreIgnoredWithinTheSkewAccepted() {
    Instant now = clock.instant();
    assertThat(check.check("p", heartbeat("p", now.plusSeconds(29))).result()).isEqualTo(ValidationResult.ACCEPT);
    assertThat(check.check("p", heartbeat("p", now.plusSeconds(31))).result()).isEqualTo(ValidationResult.IGNORE);
    assertThat(check.check("p", heartbeat("p", now.minusSeconds(119))).result()).isEqualTo(ValidationResult.ACCEPT);
    assertThat(check.check("p", heartbeat("p", now.minusSeconds(121))).result()).isEqualTo(ValidationResult.IGNORE);
  }

  @Test
  void garbageIsRejectedWithTheReason() {
    Verdict<NodeAnnouncement> v = check.check("p", new byte[] {0x0a, 0x05, 'x'});
    assertThat(v.result()).isEqualTo(ValidationResult.REJECT);
    assertThat(v.reason()).startsWith("malformed payload: ");
  }
}
