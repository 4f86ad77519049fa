package ai.hanzo.node.p2p.qos;

import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.multiformats.VarintFrames;
import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.mux.StreamHandler;
import ai.hanzo.libp2p.transport.Connection;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.p2p.gossip.MalformedPayloadException;
import ai.hanzo.node.p2p.inference.LengthPrefixed;
import ai.hanzo.node.qos.ChallengeResponder;
import ai.hanzo.node.qos.PeerRateLimit;
import ai.hanzo.node.qos.PeerWorkInFlight;
import ai.hanzo.node.qos.QosLimits;
import ai.hanzo.node.qos.SignedChallenge;
import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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
  private static final int THREADS = 2;
  private static final int WAITING = 32;

  private final Host host;
  private final ChallengeResponder responder;
  private final PeerRateLimit rateLimit;
  private final QosCodec codec;
  private volatile boolean closed;
  private final PeerWorkInFlight inFlight = new PeerWorkInFlight(QosLimits.PER_PEER_IN_FLIGHT);
  private final ExecutorService executor;

  public QosServer(Host host, ChallengeResponder responder, PeerRateLimit rateLimit, QosCodec codec) {
    this(host, responder, rateLimit, codec, answeringThreads());
  }

  /** With the executor the answers are worked out on; tests hold its tasks to see work in flight. */
  QosServer(Host host, ChallengeResponder responder, PeerRateLimit rateLimit, QosCodec codec,
      ExecutorService executor) {
    this.host = host;
    this.responder = responder;
    this.rateLimit = rateLimit;
    this.codec = codec;
    this.executor = executor;
  }

  static ThreadPoolExecutor answeringThreads() {
    ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(WAITING), r -> {
          Thread t = new Thread(r, "p2p-qos");
          t.setDaemon(true);
          return t;
        });
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  public void start() {
    host.addProtocolHandler(QosProtocol.ID, Inbound::new);
  }

  @Override
  public void close() {
    closed = true;
    host.removeProtocolHandler(QosProtocol.ID);
    executor.shutdownNow();
  }

  private final class Inbound implements StreamHandler {
    private final VarintFrames frames = new VarintFrames(QosProtocol.MAX_MESSAGE);
    private MuxedStream stream;
    private String peer;
    private boolean received;

    @Override
    public void onActive(MuxedStream s) {
      stream = s;
      Connection connection = s.parent().attr(Connection.ATTRIBUTE).get();
      peer = connection == null ? "" : connection.remotePeer().toString();
    }

    @Override
    public void onData(MuxedStream s, ByteBuf data) {
      List<byte[]> messages;
      try {
        messages = frames.add(data);
      } catch (IllegalArgumentException e) {
        refuse(ErrorCode.INVALID_ARGUMENT, "not a qos challenge: " + e.getMessage());
        return;
      }
      for (byte[] message : messages) {
        if (received) {
          log.debug("peer {} sent more than one challenge on a stream; resetting it", peer);
          s.reset();
          return;
        }
        received = true;
        SignedChallenge challenge;
        try {
          challenge = codec.decodeChallenge(message);
        } catch (MalformedPayloadException e) {
          refuse(ErrorCode.INVALID_ARGUMENT, "malformed challenge: " + e.getMessage());
          return;
        }
        accept(challenge, peer).thenAccept(this::send);
      }
    }

    private void refuse(ErrorCode code, String message) {
      send(new QosAnswer.Refusal(code, message));
    }

    private void send(QosAnswer answer) {
      stream.write(LengthPrefixed.frame(stream.alloc(), codec.encodeAnswer(answer)));
      stream.closeWrite();
    }

    @Override
    public void onClosed(MuxedStream s) {
      frames.release();
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
    try {
      executor.execute(() -> {
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
    } catch (RejectedExecutionException e) {
      if (work) {
        inFlight.finish(peer);
      }
      return refusal(ErrorCode.RESOURCE_EXHAUSTED, "this node is answering " + WAITING + " challenges already");
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
