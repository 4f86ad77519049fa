package ai.hanzo.node.p2p.qos;

import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.multiformats.VarintFrames;
import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.mux.StreamHandler;
import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.p2p.gossip.MalformedPayloadException;
import ai.hanzo.node.p2p.inference.LengthPrefixed;
import ai.hanzo.node.qos.SignedChallenge;
import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The challenger's end of {@code /hanzo/qos/1.0.0}: opens a stream to the provider, writes the challenge,
 * half-closes, and completes with the provider's answer (a proof or its refusal), on the connection's event loop.
 * Failing to connect, a malformed answer or a stream that ends without one complete the future exceptionally.
 */
public final class QosClient {
  private final Host host;
  private final QosCodec codec;

  public QosClient(Host host, QosCodec codec) {
    this.host = host;
    this.codec = codec;
  }

  /**
   * Sends {@code challenge}; the future fails with a {@link java.util.concurrent.TimeoutException} after {@code
   * timeout}, and then (or on any other failure) the stream is reset, so a provider that never answers holds no
   * stream open here.
   */
  public CompletableFuture<QosAnswer> send(PeerId provider, SignedChallenge challenge, Duration timeout) {
    CompletableFuture<QosAnswer> answer = new CompletableFuture<>();
    answer.orTimeout(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
    host.newStream(provider, QosProtocol.ID).whenComplete((stream, error) -> {
      if (error != null) {
        answer.completeExceptionally(error);
      } else {
        answer.whenComplete((done, failure) -> {
          if (failure != null) {
            stream.reset();
          }
        });
        stream.setHandler(new Outbound(challenge, answer));
      }
    });
    return answer;
  }

  private final class Outbound implements StreamHandler {
    private final SignedChallenge challenge;
    private final CompletableFuture<QosAnswer> answer;
    private final VarintFrames frames = new VarintFrames(QosProtocol.MAX_MESSAGE);

    Outbound(SignedChallenge challenge, CompletableFuture<QosAnswer> answer) {
      this.challenge = challenge;
      this.answer = answer;
    }

    @Override
    public void onActive(MuxedStream stream) {
      stream.write(LengthPrefixed.frame(stream.alloc(), codec.encodeChallenge(challenge)));
      stream.closeWrite();
    }

    @Override
    public void onData(MuxedStream stream, ByteBuf data) {
      try {
        for (byte[] message : frames.add(data)) {
          if (answer.complete(codec.decodeAnswer(message))) {
            stream.close();
          }
        }
      } catch (MalformedPayloadException | IllegalArgumentException e) {
        answer.completeExceptionally(new MalformedPayloadException(
            "the provider's answer is malformed: " + e.getMessage(), e));
        stream.reset();
      }
    }

    @Override
    public void onClosed(MuxedStream stream) {
      frames.release();
      answer.completeExceptionally(new NodeException(ErrorCode.UNAVAILABLE,
          "the stream to the provider closed before its answer"));
    }
  }
}
