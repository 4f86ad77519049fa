package ai.hanzo.node.p2p.qos;

import ai.hanzo.libp2p.host.Host;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.p2p.gossip.MalformedPayloadException;
import ai.hanzo.node.p2p.protocol.InboundRequest;
import ai.hanzo.node.p2p.protocol.ProtocolServer;
import ai.hanzo.node.p2p.protocol.ServerLimits;
import ai.hanzo.node.qos.ChallengeResponder;
import ai.hanzo.node.qos.PeerRateLimit;
import ai.hanzo.node.qos.PeerWorkInFlight;
import ai.hanzo.node.qos.QosLimits;
import ai.hanzo.node.qos.SignedChallenge;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider's end of {@code /hanzo/qos/1.0.0}: one challenge per stream, decoded and rate-limited per
 * challenging peer on the event loop, answered on a small bounded executor of its own (a compute challenge is
 * seconds of hashing, and signature checks are not free), at most {@link QosLimits#PER_PEER_IN_FLIGHT} compute
 * challenge(s) of one peer at a time, and one answer written back. The challenger is the
 * Noise-authenticated peer of the connection, never a field of the message.
 */
public final class QosServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(QosServer.class);
  /** Per peer, the rate limit and {@link PeerWorkInFlight} bound qos work, not the server's slots. */
  private static final ServerLimits LIMITS = new ServerLimits("p2p-qos", 2, 32, QosLimits.PER_PEER_IN_FLIGHT,
      QosProtocol.MAX_MESSAGE);

  private final ChallengeResponder responder;
  private final PeerRateLimit rateLimit;
  private final QosCodec codec;
  private volatile boolean closed;
  private final PeerWorkInFlight inFlight = new PeerWorkInFlight(QosLimits.PER_PEER_IN_FLIGHT);
  private final ProtocolServer server;

  public QosServer(Host host, ChallengeResponder responder, PeerRateLimit rateLimit, QosCodec codec) {
    this(host, responder, rateLimit, codec, ProtocolServer.boundedExecutor(LIMITS));
  }

  /** With the executor the answers are worked out on; tests hold its tasks to see work in flight. */
  QosServer(Host host, ChallengeResponder responder, PeerRateLimit rateLimit, QosCodec codec,
      ExecutorService executor) {
    this.responder = responder;
    this.rateLimit = rateLimit;
    this.codec = codec;
    this.server = new ProtocolServer(host, QosProtocol.ID, LIMITS, Inbound::new, executor);
  }

  public void start() {
    server.start();
  }

  @Override
  public void close() {
    closed = true;
    server.close();
  }

  private final class Inbound extends InboundRequest<SignedChallenge> {
    Inbound() {
      super(LIMITS.maxMessage(), "not a qos challenge: ", "malformed challenge: ");
    }

    @Override
    protected SignedChallenge decode(byte[] message) throws MalformedPayloadException {
      return codec.decodeChallenge(message);
    }

    @Override
    protected void received(SignedChallenge challenge) {
      accept(challenge, peer()).thenAccept(this::answer);
    }

    @Override
    protected void refuse(ErrorCode code, String message) {
      answer(new QosAnswer.Refusal(code, message));
    }

    private void answer(QosAnswer answer) {
      sendLast(codec.encodeAnswer(answer));
    }
  }

  /**
   * Answers a challenge that did not come over {@code /hanzo/qos/1.0.0} (the respond route): its challenger's
   * signature is what authenticates it, so it counts against that challenger's rate and work in flight.
   */
  public CompletableFuture<QosAnswer> answer(SignedChallenge challenge) {
    return accept(challenge, challenge.challenge().challenger());
  }

  /** The rate limit, the cap on compute work in flight, then the answer on the answering threads. */
  private CompletableFuture<QosAnswer> accept(SignedChallenge challenge, String peer) {
    if (!rateLimit.tryAcquire(peer)) {
      return refusal(ErrorCode.RESOURCE_EXHAUSTED, "peer " + peer + " sent too many challenges; retry in a minute");
    }
    boolean work = challenge.challenge().type().isWork();
    if (work && !inFlight.tryStart(peer)) {
      return refusal(ErrorCode.RESOURCE_EXHAUSTED, "this node is still working on " + inFlight.perPeer()
          + " challenge(s) of peer " + peer + "; send the next when it is answered");
    }
    CompletableFuture<QosAnswer> answered = new CompletableFuture<>();
    boolean queued = server.execute(() -> {
      QosAnswer answer;
      try {
        answer = answerTo(challenge, peer);
      } finally {
        // before the answer leaves: a challenger that sends its next challenge on receipt is not refused
        if (work) {
          inFlight.finish(peer);
        }
      }
      answered.complete(answer);
    });
    if (!queued) {
      if (work) {
        inFlight.finish(peer);
      }
      return refusal(ErrorCode.RESOURCE_EXHAUSTED, "this node is answering " + LIMITS.waiting()
          + " challenges already");
    }
    return answered;
  }

  private static CompletableFuture<QosAnswer> refusal(ErrorCode code, String message) {
    return CompletableFuture.completedFuture(new QosAnswer.Refusal(code, message));
  }

  private QosAnswer answerTo(SignedChallenge challenge, String peer) {
    try {
      return new QosAnswer.Proof(responder.respond(challenge, peer, () -> closed));
    } catch (NodeException e) {
      return new QosAnswer.Refusal(e.code(), String.valueOf(e.getMessage()));
    } catch (RuntimeException e) {
      log.warn("Answering challenge {} from {} failed: {}", challenge.challenge().id(), peer, e.toString());
      return new QosAnswer.Refusal(ErrorCode.INTERNAL, "the challenge could not be answered");
    }
  }
}
