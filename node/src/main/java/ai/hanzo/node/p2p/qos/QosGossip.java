package ai.hanzo.node.p2p.qos;

import ai.hanzo.libp2p.pubsub.Gossipsub;
import ai.hanzo.libp2p.pubsub.PubsubMessage;
import ai.hanzo.node.p2p.gossip.Verdict;
import ai.hanzo.node.qos.MalformedProofException;
import ai.hanzo.node.qos.PeerRateLimit;
import ai.hanzo.node.qos.ReplayGuard;
import ai.hanzo.node.qos.ResultVerifier;
import ai.hanzo.node.qos.SignedResult;
import ai.hanzo.node.qos.Verification;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Gossipsub topic {@value #TOPIC}: every node publishes the signed result of each challenge it ran ({@link
 * SignedResult#toBytes()}), and checks every result before it is delivered or forwarded. A result that does not
 * decode, is not signed by its challenger, whose pass has no valid proof of the provider, or that another peer
 * publishes for the challenger is REJECTed (the sender forwarded a forgery); one too old, from the future, seen
 * before (a replay under a new gossip sequence number) or past its reporter's rate is IGNOREd.
 */
public final class QosGossip {
  public static final String TOPIC = "hanzo/qos/v1";
  /** Results older than this are not forwarded nor folded: what is old news is not the network's business. */
  public static final Duration MAX_AGE = Duration.ofMinutes(10);
  public static final Duration SKEW = Duration.ofSeconds(30);
  /** Results one reporter may have accepted per minute, so no node floods the topic or the scores of others. */
  public static final int PER_REPORTER_PER_MINUTE = 60;
  private static final int REMEMBERED = 100_000;
  private static final Logger log = LoggerFactory.getLogger(QosGossip.class);

  private final Gossipsub gossip;
  private final Clock clock;
  private final ReplayGuard seen;
  private final PeerRateLimit perReporter;

  public QosGossip(Gossipsub gossip, Clock clock) {
    this.gossip = gossip;
    this.clock = clock;
    this.seen = new ReplayGuard(clock, REMEMBERED);
    this.perReporter = new PeerRateLimit(clock, PER_REPORTER_PER_MINUTE, Duration.ofMinutes(1));
  }

  /** Validates the topic and hands each accepted result of another node to {@code fold}, on {@code executor}. */
  public void start(Consumer<SignedResult> fold, Executor executor) {
    gossip.addValidator(TOPIC, m -> {
      Verdict<SignedResult> v = check(m.author().toString(), m.data());
      if (!v.accepted()) {
        log.debug("{} message from {} {}: {}", TOPIC, m.author(), v.result(), v.reason());
      }
      return CompletableFuture.completedFuture(v.result());
    }).join();
    gossip.subscribe(TOPIC, (PubsubMessage m) -> {
      if (m.author().equals(gossip.peerId())) {
        return;
      }
      executor.execute(() -> {
        try {
          fold.accept(SignedResult.fromBytes(m.data()));
        } catch (RuntimeException e) {
          log.warn("Folding a qos result from {} failed: {}", m.author(), e.toString());
        }
      });
    }).join();
  }

  /** Publishes one of this node's results; a lone node with no subscriber is normal. */
  public void publish(SignedResult result) {
    gossip.publish(TOPIC, result.toBytes()).whenComplete((peers, error) -> {
      if (error != null) {
        log.debug("Not published on {}: {}", TOPIC, error.getMessage());
      }
    });
  }

  /** @param author the peer that signed the gossip message */
  Verdict<SignedResult> check(String author, byte[] data) {
    SignedResult result;
    try {
      result = SignedResult.fromBytes(data);
    } catch (MalformedProofException e) {
      return Verdict.reject(null, "malformed result: " + e.getMessage());
    }
    String challenger = result.challenge().challenge().challenger();
    if (!challenger.equals(author)) {
      return Verdict.reject(result, "the result of challenger " + challenger + " was published by " + author);
    }
    Verification verification = ResultVerifier.verify(result);
    if (!verification.valid()) {
      return Verdict.reject(result, verification.reason());
    }
    Instant now = clock.instant();
    if (result.reportedAt().isAfter(now.plus(SKEW))) {
      return Verdict.ignore(result, "reported at " + result.reportedAt() + ", in the future (now " + now + ")");
    }
    if (result.reportedAt().isBefore(now.minus(MAX_AGE))) {
      return Verdict.ignore(result, "reported at " + result.reportedAt() + ", older than " + MAX_AGE);
    }
    // Remembered for as long as the result is young enough to be accepted at all.
    ReplayGuard.Admission admission = seen.admit(result.challenge().challenge().id(),
        result.reportedAt().plus(MAX_AGE).plus(SKEW));
    if (admission != ReplayGuard.Admission.FIRST) {
      return Verdict.ignore(result, admission == ReplayGuard.Admission.REPLAYED
          ? "the result of challenge " + result.challenge().challenge().id() + " was seen before"
          : "too many recent results to remember another");
    }
    if (!perReporter.tryAcquire(author)) {
      return Verdict.ignore(result, "challenger " + author + " reported more than " + PER_REPORTER_PER_MINUTE
          + " results this minute");
    }
    return Verdict.accept(result);
  }
}
