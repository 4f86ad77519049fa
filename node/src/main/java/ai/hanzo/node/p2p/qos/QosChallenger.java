package ai.hanzo.node.p2p.qos;

import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.host.protocol.perf.PerfClient;
import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.qos.Challenge;
import ai.hanzo.node.qos.ChallengeIssuer;
import ai.hanzo.node.qos.ModelAnswer;
import ai.hanzo.node.qos.ModelPrompt;
import ai.hanzo.node.qos.ModelRunner;
import ai.hanzo.node.qos.ChallengeOutcome;
import ai.hanzo.node.qos.ChallengeType;
import ai.hanzo.node.qos.ProofVerifier;
import ai.hanzo.node.qos.SignedChallenge;
import ai.hanzo.node.qos.SignedProof;
import ai.hanzo.node.qos.Verification;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
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
 * with its reason. A model challenge passes only when the provider's tokens are the ones this node generates for
 * the same prompt. The future never completes exceptionally (but for this node's own run of a model challenge's
 * prompt failing) and always completes by the deadline.
 */
public final class QosChallenger {
  private final Host host;
  private final QosClient client;
  private final ChallengeIssuer issuer;
  private final Clock clock;
  private final ModelRunner models;

  public QosChallenger(Host host, QosClient client, ChallengeIssuer issuer, Clock clock) {
    this(host, client, issuer, clock, ModelRunner.NONE);
  }

  /** With the models this node serves: it issues model challenges only for those, as it checks by running them. */
  public QosChallenger(Host host, QosClient client, ChallengeIssuer issuer, Clock clock, ModelRunner models) {
    this.host = host;
    this.client = client;
    this.issuer = issuer;
    this.clock = clock;
    this.models = models;
  }

  /**
   * Issues and runs a challenge; throws {@link ai.hanzo.node.qos.MalformedProofException} at once for a difficulty
   * or window out of range.
   */
  public CompletableFuture<ChallengeRun> run(ChallengeType type, PeerId provider, long difficulty, Duration window) {
    return run(type, provider, difficulty, "", window);
  }

  /**
   * {@link #run(ChallengeType, PeerId, long, Duration)} naming the model of a model challenge. A model challenge is
   * checked by running its prompt here first, so this node must serve the model (else a FAILED_PRECONDITION
   * {@link NodeException} at once); the challenge is issued only once that run is done, so its deadline is all the
   * provider's. When this node's own run fails the future fails with that error and nothing is issued or scored:
   * it is not the provider's fault.
   */
  public CompletableFuture<ChallengeRun> run(ChallengeType type, PeerId provider, long difficulty, String model,
      Duration window) {
    Challenge.checkDifficulty(type, difficulty);
    Challenge.checkModel(type, model);
    if (type != ChallengeType.MODEL) {
      return exchange(issuer.issue(type, provider.toString(), difficulty, window), provider, Optional.empty());
    }
    if (!models.serves(model)) {
      throw new NodeException(ErrorCode.FAILED_PRECONDITION, "this node does not serve model '" + model
          + "', so it cannot check a provider's answer; challenge from a node that serves it");
    }
    // The prompt comes from the challenge's seed: draw it now, run the prompt here, and only then sign the
    // challenge with its time window, so the provider's deadline does not pay for this node's run.
    SignedChallenge draft = issuer.issue(type, provider.toString(), difficulty, model, window);
    return models.run(model, ModelPrompt.of(draft.challenge())).thenCompose(own -> exchange(
        issuer.reissue(draft, window), provider, Optional.of(own)));
  }

  private CompletableFuture<ChallengeRun> exchange(SignedChallenge challenge, PeerId provider,
      Optional<ModelRunner.Generated> own) {
    ChallengeType type = challenge.challenge().type();
    long difficulty = challenge.challenge().difficulty();
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
      return client.send(provider, challenge, left).thenApply(answer -> judge(challenge, answer, m, own,
          Duration.ofNanos(System.nanoTime() - sent)));
    }).orTimeout(budget, TimeUnit.MILLISECONDS).exceptionally(error -> {
      Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
      String why = cause instanceof TimeoutException ? "no answer before the deadline " + deadline
          : "the provider could not be challenged: " + cause.getMessage();
      return new ChallengeRun(challenge, Optional.empty(), ChallengeOutcome.failed(challenge.challenge().id(), type,
          Duration.ofNanos(System.nanoTime() - started), why, clock.instant()));
    });
  }

  private ChallengeRun judge(SignedChallenge sent, QosAnswer answer, Measured m,
      Optional<ModelRunner.Generated> own, Duration roundTrip) {
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
      } else if (own.isPresent() && !Arrays.equals(proof.answer(), ModelAnswer.encode(own.get().text()))) {
        failure = "the provider's tokens for model '" + sent.challenge().model() + "' differ from this node's run"
            + " of the same prompt at temperature 0";
      }
    }
    // A model challenge's rate is tokens per second: this node's token count (the same text took the same tokens)
    // over the round trip, which is the provider's generation plus the network.
    long rate = own.map(g -> rate(g.tokens(), roundTrip)).orElse(m.bytesPerSecond());
    ChallengeOutcome outcome = failure == null
        ? ChallengeOutcome.passed(id, type, roundTrip, m.pingRtt(), rate, now)
        : ChallengeOutcome.failed(id, type, roundTrip, failure, now);
    return new ChallengeRun(sent, Optional.of(proof), outcome);
  }

  private static long rate(long bytes, Duration took) {
    long nanos = Math.max(1, took.toNanos());
    return (long) (bytes * 1e9 / nanos);
  }

  private record Measured(Duration pingRtt, long bytesPerSecond) { }
}
