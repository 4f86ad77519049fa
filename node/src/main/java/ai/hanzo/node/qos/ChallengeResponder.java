package ai.hanzo.node.qos;

import ai.hanzo.libp2p.crypto.PrivateKey;
import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * The provider's side: checks a challenge (the challenger's signature, that it names this node and was sent by its
 * challenger, its time window, that it was not answered before), does its work and signs the proof. Refusals are
 * {@link NodeException}s the protocol carries back: PERMISSION_DENIED for a forgery or a challenge relayed by
 * another peer, ALREADY_EXISTS for a replay, DEADLINE_EXCEEDED for an expired challenge or work that did not
 * finish in time, INVALID_ARGUMENT for one addressed elsewhere or issued in the future, FAILED_PRECONDITION for a
 * model challenge of a model this node does not serve.
 */
public final class ChallengeResponder {
  private final PrivateKey key;
  private final String self;
  private final Clock clock;
  private final ReplayGuard replays;
  private final ModelRunner models;

  public ChallengeResponder(PrivateKey key, Clock clock, ReplayGuard replays) {
    this(key, clock, replays, ModelRunner.NONE);
  }

  /** With the models this node serves, which answer model challenges. */
  public ChallengeResponder(PrivateKey key, Clock clock, ReplayGuard replays, ModelRunner models) {
    this.key = key;
    this.self = PeerId.fromPublicKey(key.publicKey()).toString();
    this.clock = clock;
    this.replays = replays;
    this.models = models;
  }

  /**
   * Answers {@code signed}, received from {@code fromPeer} (the authenticated remote of the connection); {@code
   * stop} ends compute work early (the node is stopping). Compute work runs on the calling thread, which also waits
   * (at most until the deadline) for a model challenge's generation.
   */
  public SignedProof respond(SignedChallenge signed, String fromPeer, BooleanSupplier stop) {
    Challenge c = signed.challenge();
    if (!c.provider().equals(self)) {
      throw new NodeException(ErrorCode.INVALID_ARGUMENT, "the challenge is for " + PeerKeys.clip(c.provider())
          + ", this node is " + self);
    }
    if (!c.challenger().equals(fromPeer)) {
      throw new NodeException(ErrorCode.PERMISSION_DENIED, "the challenge was issued by "
          + PeerKeys.clip(c.challenger()) + " but sent by " + fromPeer + "; only the challenger may send it");
    }
    if (!signed.signatureValid()) {
      throw new NodeException(ErrorCode.PERMISSION_DENIED, "the challenge's signature is not its challenger's");
    }
    Instant now = clock.instant();
    if (now.isAfter(c.deadline())) {
      throw new NodeException(ErrorCode.DEADLINE_EXCEEDED, "the challenge expired at " + c.deadline());
    }
    if (c.issuedAt().isAfter(now.plus(QosLimits.CLOCK_SKEW))) {
      throw new NodeException(ErrorCode.INVALID_ARGUMENT, "the challenge was issued at " + c.issuedAt()
          + ", in the future of this node's clock (" + now + ")");
    }
    if (c.type() == ChallengeType.MODEL && !models.serves(c.model())) {
      throw new NodeException(ErrorCode.FAILED_PRECONDITION, "this node does not serve model '" + c.model() + "'");
    }
    switch (replays.admit(c.id(), c.deadline())) {
      case REPLAYED -> throw new NodeException(ErrorCode.ALREADY_EXISTS, "challenge " + c.id()
          + " was answered already; a challenge is answered once");
      case FULL -> throw new NodeException(ErrorCode.RESOURCE_EXHAUSTED, "this node holds too many open "
          + "challenges; retry after their deadlines");
      case FIRST -> { }
    }
    byte[] answer = new byte[0];
    if (c.type() == ChallengeType.COMPUTE) {
      OptionalLong nonce = PreimageWork.solve(c.seed(), (int) c.difficulty(),
          () -> stop.getAsBoolean() || clock.instant().isAfter(c.deadline()));
      if (nonce.isEmpty()) {
        throw new NodeException(ErrorCode.DEADLINE_EXCEEDED, "the compute challenge at " + c.difficulty()
            + " bits did not finish before its deadline");
      }
      answer = PreimageWork.encode(nonce.getAsLong());
    } else if (c.type() == ChallengeType.MODEL) {
      answer = ModelAnswer.encode(generate(c).text());
    }
    return SignedProof.sign(signed, answer, clock.instant(), key);
  }

  private ModelRunner.Generated generate(Challenge c) {
    CompletableFuture<ModelRunner.Generated> run = models.run(c.model(), ModelPrompt.of(c));
    long left = Duration.between(clock.instant(), c.deadline()).toMillis();
    try {
      return run.get(Math.max(1, left), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      run.cancel(true);
      throw new NodeException(ErrorCode.DEADLINE_EXCEEDED, "model '" + c.model() + "' did not finish "
          + c.difficulty() + " tokens before the deadline");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NodeException(ErrorCode.UNAVAILABLE, "interrupted while generating");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof NodeException n) {
        throw n;
      }
      throw new NodeException(ErrorCode.INTERNAL, "model '" + c.model() + "' failed: " + e.getCause());
    }
  }
}
