package ai.hanzo.node.p2p.qos;

import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.p2p.gossip.MalformedPayloadException;
import ai.hanzo.node.p2p.protocol.OutboundRequest;
import ai.hanzo.node.p2p.protocol.ProtocolClient;
import ai.hanzo.node.qos.SignedChallenge;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The challenger's end of {@code /hanzo/qos/1.0.0}: opens a stream to the provider, writes the challenge,
 * half-closes, and completes with the provider's answer (a proof or its refusal), on the connection's event loop.
 * Failing to connect, a malformed answer or a stream that ends without one complete the future exceptionally.
 */
public final class QosClient {
  private final QosCodec codec;
  private final ProtocolClient client;

  public QosClient(Host host, QosCodec codec) {
    this.codec = codec;
    // Challenges are bounded by the challenger's own schedule, not by stream slots.
    this.client = new ProtocolClient(host, QosProtocol.ID, Integer.MAX_VALUE);
  }

  /**
   * Sends {@code challenge}; the future fails with a {@link java.util.concurrent.TimeoutException} after {@code
   * timeout}, and then (or on any other failure) the stream is reset, so a provider that never answers holds no
   * stream open here.
   */
  public CompletableFuture<QosAnswer> send(PeerId provider, SignedChallenge challenge, Duration timeout) {
    CompletableFuture<QosAnswer> answer = new CompletableFuture<>();
    answer.orTimeout(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
    client.open(provider, List.of()).whenComplete((stream, error) -> {
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

  private final class Outbound extends OutboundRequest {
    private final CompletableFuture<QosAnswer> answer;

    Outbound(SignedChallenge challenge, CompletableFuture<QosAnswer> answer) {
      super(codec.encodeChallenge(challenge), QosProtocol.MAX_MESSAGE, true);
      this.answer = answer;
    }

    @Override
    protected void reply(MuxedStream stream, byte[] message) throws MalformedPayloadException {
      if (answer.complete(codec.decodeAnswer(message))) {
        stream.close();
      }
    }

    @Override
    protected void malformed(MuxedStream stream, Exception cause) {
      answer.completeExceptionally(new MalformedPayloadException(
          "the provider's answer is malformed: " + cause.getMessage(), cause));
    }

    @Override
    protected void ended(MuxedStream stream) {
      answer.completeExceptionally(new NodeException(ErrorCode.UNAVAILABLE,
          "the stream to the provider closed before its answer"));
    }
  }
}
