package ai.hanzo.node.p2p.qos;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.libp2p.pubsub.ValidationResult;
import ai.hanzo.node.p2p.gossip.Verdict;
import ai.hanzo.node.qos.ChallengeIssuer;
import ai.hanzo.node.qos.ChallengeOutcome;
import ai.hanzo.node.qos.ChallengeResponder;
import ai.hanzo.node.qos.ChallengeType;
import ai.hanzo.node.qos.ReplayGuard;
import ai.hanzo.node.qos.SignedChallenge;
import ai.hanzo.node.qos.SignedProof;
import ai.hanzo.node.qos.SignedResult;
import ai.hanzo.testing.MutableClock;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What a receiver of {@code hanzo/qos/v1} accepts, rejects (forgeries) or ignores (stale, replays, floods). */
class QosGossipTest {
  private static final long SEED = 17;
  private final MutableClock clock = new MutableClock();
  private final Ed25519PrivateKey challengerKey = Ed25519PrivateKey.generate();
  private final Ed25519PrivateKey providerKey = Ed25519PrivateKey.generate();
  private final String challenger = PeerId.fromPublicKey(challengerKey.publicKey()).toString();
  private final String provider = PeerId.fromPublicKey(providerKey.publicKey()).toString();
  private final ChallengeIssuer issuer = new ChallengeIssuer(challengerKey, clock, new Random(SEED));
  private final ChallengeResponder responder =
      new ChallengeResponder(providerKey, clock, new ReplayGuard(clock, 10_000));
  private final QosGossip gossip = new QosGossip(null, clock);

  @Test
  void aResultOfItsChallengerIsAcceptedOnceAndItsReplayIgnored() {
    byte[] bytes = passed().toBytes();
    assertThat(gossip.check(challenger, bytes).result()).isEqualTo(ValidationResult.ACCEPT);
    Verdict<SignedResult> again = gossip.check(challenger, bytes);
    assertThat(again.result()).isEqualTo(ValidationResult.IGNORE);
    assertThat(again.reason()).contains("seen before");
  }

  @Test
  void forgeriesAreRejected() {
    byte[] bytes = passed().toBytes();
    Verdict<SignedResult> relayedAsOwn = gossip.check(provider, bytes);
    assertThat(relayedAsOwn.result()).isEqualTo(ValidationResult.REJECT);
    assertThat(relayedAsOwn.reason()).contains("was published by");
    byte[] flipped = bytes.clone();
    flipped[flipped.length - 1 - new Random(SEED).nextInt(64)] ^= 1;
    Verdict<SignedResult> forged = gossip.check(challenger, flipped);
    assertThat(forged.result()).as("a flipped signature byte (seed %d)", SEED).isEqualTo(ValidationResult.REJECT);
    assertThat(forged.reason()).contains("not signed by the challenger");
    assertThat(gossip.check(challenger, new byte[] {1, 2, 3}).result()).isEqualTo(ValidationResult.REJECT);
  }

  @Test
  void staleAndFutureResultsAreIgnored() {
    byte[] old = passed().toBytes();
    clock.advance(QosGossip.MAX_AGE.plusSeconds(1));
    assertThat(gossip.check(challenger, old).reason()).contains("older than");
    SignedResult current = passed();
    SignedResult future = SignedResult.sign(current.challenge(), current.proof(), current.outcome(),
        clock.instant().plus(QosGossip.SKEW).plusSeconds(1), challengerKey);
    Verdict<SignedResult> v = gossip.check(challenger, future.toBytes());
    assertThat(v.result()).isEqualTo(ValidationResult.IGNORE);
    assertThat(v.reason()).contains("in the future");
  }

  @Test
  void oneChallengerIsHeardAtMost60TimesAMinute() {
    for (int i = 0; i < QosGossip.PER_REPORTER_PER_MINUTE; i++) {
      assertThat(gossip.check(challenger, failed().toBytes()).accepted()).as("result %d", i).isTrue();
    }
    Verdict<SignedResult> flood = gossip.check(challenger, failed().toBytes());
    assertThat(flood.result()).isEqualTo(ValidationResult.IGNORE);
    assertThat(flood.reason()).contains("more than 60");
    clock.advance(Duration.ofMinutes(1));
    assertThat(gossip.check(challenger, failed().toBytes()).accepted()).isTrue();
  }

  private SignedResult passed() {
    SignedChallenge c = issuer.issue(ChallengeType.AVAILABILITY, provider, 0, Duration.ofSeconds(5));
    SignedProof proof = responder.respond(c, challenger, () -> false);
    return SignedResult.sign(c, Optional.of(proof), ChallengeOutcome.passed(c.challenge().id(),
        ChallengeType.AVAILABILITY, Duration.ofMillis(2), Duration.ZERO, 0, clock.instant()), clock.instant(),
        challengerKey);
  }

  private SignedResult failed() {
    SignedChallenge c = issuer.issue(ChallengeType.LATENCY, provider, 0, Duration.ofSeconds(5));
    return SignedResult.sign(c, Optional.empty(), ChallengeOutcome.failed(c.challenge().id(), ChallengeType.LATENCY,
        Duration.ofSeconds(5), "no answer before the deadline", clock.instant()), clock.instant(), challengerKey);
  }
}
