package ai.hanzo.node.p2p.qos;

import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.host.protocol.perf.PerfClient;
import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.node.qos.ChallengeIssuer;
import ai.hanzo.node.qos.ChallengeOutcome;
import ai.hanzo.node.qos.ChallengeType;
import ai.hanzo.node.qos.ProofVerifier;
import ai.hanzo.node.qos.SignedChallenge;
import ai.hanzo.node.qos.SignedProof;
import ai.hanzo.node.qos.Verification;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one challenge against a provider: the measurement its type needs first (libp2p ping for latency, libp2p perf
 * with the challenge's bytes each way for bandwidth), then the signed exchange of {@code /hanzo/qos/1.0.0}. The
 * challenge passes when a proof that {@link ProofVerifier} accepts, for exactly the challenge sent, arrives before
 * the deadline on this node's clock; everything else (no connection, a refusal, a wrong or late proof) is a failure
 * with its reason. The future never completes exceptionally and always completes by the deadline.
 */
public final class QosChallenger {
  private final Host host;
  private final QosClient client;
  private final ChallengeIssuer issuer;
  private final Clock clock;

  public QosChallenger(Host host, QosClient client, ChallengeIssuer issuer, Clock clock) {
    this.host = host;
    this.client = client;
    this.issuer = issuer;
    this.clock = clock;
  }

  /**
   * Issues and runs a challenge; throws {@link ai.hanzo.node.qos.MalformedProofException} at once for a difficulty
   * or window out of range.
   */
  public CompletableFuture<ChallengeRun> run(ChallengeType type, PeerId provider, long difficulty, Duration window) {
    SignedChallenge challenge = issuer.issue(type, provider.toString(), difficulty, window);
    Instant deadline = challenge.challenge().deadline();
    long started = System.nanoTime();
    CompletableFuture<Measured> measured = switch (type) {
      case LATENCY -> host.ping(provider).thenApply(rtt -> new Measured(rtt, 0));
      case BANDWIDTH -> host.dial(provider).thenCompose(c -> PerfClient.run(c, difficulty, difficulty))
          .thenApply(r -> new Measured(Duration.ZERO, rate(r.uploadBytes() + r.downloadBytes(),
              r.upload().plus(r.download()))));
      default -> CompletableFuture.completedFuture(new Measured(Duration.ZERO, 0));
    };
    long budget = Math.max(1, Duration.between(clock.instant(), deadline).toMillis());
    return measured.thenCompose(m -> {
      long sent = System.nanoTime();
      Duration left = Duration.between(clock.instant(), deadline);
      return client.send(provider, challenge, left).thenApply(answer -> judge(challenge, answer, m,
          Duration.ofNanos(System.nanoTime() - sent)));
    }).orTimeout(budget, TimeUnit.MILLISECONDS).exceptionally(error -> {
      Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
      String why = cause instanceof TimeoutException ? "no answer before the deadline " + deadline
          : "the provider could not be challenged: " + cause.getMessage();
      return new ChallengeRun(challenge, Optional.empty(), ChallengeOutcome.failed(challenge.challenge().id(), type,
          Duration.ofNanos(System.nanoTime() - started), why, clock.instant()));
    });
  }

  private ChallengeRun judge(SignedChallenge sent, QosAnswer answer, Measured m, Duration roundTrip) {
    String id = sent.challenge().id();
    ChallengeType type = sent.challenge().type();
    Instant now = clock.instant();
    if (answer instanceof QosAnswer.Refusal r) {
      return new ChallengeRun(sent, Optional.empty(), ChallengeOutcome.failed(id, type, roundTrip,
          "the provider refused: " + r.code() + ": " + r.message(), now));
    }
    SignedProof proof = ((QosAnswer.Proof) answer).proof();
    String failure = null;
    if (!proof.challenge().equals(sent)) {
      failure = "the proof is for another challenge";
    } else if (now.isAfter(sent.challenge().deadline())) {
      failure = "the proof arrived at " + now + ", after the deadline " + sent.challenge().deadline();
    } else {
      Verification v = ProofVerifier.verify(proof);
      if (!v.valid()) {
        failure = "the proof is not valid: " + v.reason();
      }
    }
    ChallengeOutcome outcome = failure == null
        ? ChallengeOutcome.passed(id, type, roundTrip, m.pingRtt(), m.bytesPerSecond(), now)
        : ChallengeOutcome.failed(id, type, roundTrip, failure, now);
    return new ChallengeRun(sent, Optional.of(proof), outcome);
  }

  private static long rate(long bytes, Duration took) {
    long nanos = Math.max(1, took.toNanos());
    return (long) (bytes * 1e9 / nanos);
  }

  private record Measured(Duration pingRtt, long bytesPerSecond) { }
}
