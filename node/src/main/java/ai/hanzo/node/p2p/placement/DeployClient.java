package ai.hanzo.node.p2p.placement;

import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.p2p.gossip.MalformedPayloadException;
import ai.hanzo.node.p2p.protocol.OutboundRequest;
import ai.hanzo.node.p2p.protocol.ProtocolClient;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The placing node's end of {@code /hanzo/deploy/1.0.0}: opens a stream to the target (dialing it at the addresses
 * it was seen at when not connected), writes the call, half-closes and completes with the one answer, or fails
 * after {@link DeployLimits#ANSWER_TIMEOUT} (the stream is then reset). At most {@link DeployLimits#MAX_PER_PEER}
 * calls to one peer at once.
 */
public final class DeployClient {
  private final DeployCodec codec;
  private final ProtocolClient client;

  public DeployClient(Host host, DeployCodec codec) {
    this.codec = codec;
    this.client = new ProtocolClient(host, DeployLimits.PROTOCOL, DeployLimits.MAX_PER_PEER);
  }

  /** Every outcome completes the future, on an event loop: never block in its callbacks. */
  public CompletableFuture<DeployAnswer> call(String peerId, List<String> addresses, DeployCall call) {
    PeerId peer = PeerId.parse(peerId);
    Runnable release = client.tryAcquire(peerId);
    if (release == null) {
      return CompletableFuture.failedFuture(new NodeException(ErrorCode.RESOURCE_EXHAUSTED,
          "this node already has " + DeployLimits.MAX_PER_PEER + " deploy calls in flight to peer " + peerId));
    }
    CompletableFuture<DeployAnswer> answer = new CompletableFuture<>();
    answer.whenComplete((a, e) -> release.run());
    CompletableFuture<MuxedStream> opened = client.open(peer, addresses);
    opened.whenComplete((stream, error) -> {
      if (error != null) {
        answer.completeExceptionally(new NodeException(ErrorCode.UNAVAILABLE, "peer " + peerId
            + " could not be reached: " + error.getMessage()));
      } else {
        stream.setHandler(new Outbound(call, answer));
      }
    });
    answer.orTimeout(DeployLimits.ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).whenComplete((a, e) -> {
      if (e != null) {
        opened.thenAccept(MuxedStream::reset);
      }
    });
    return answer;
  }

  private final class Outbound extends OutboundRequest {
    private final CompletableFuture<DeployAnswer> answer;

    Outbound(DeployCall call, CompletableFuture<DeployAnswer> answer) {
      super(codec.encodeCall(call), DeployLimits.MAX_MESSAGE, true);
      this.answer = answer;
    }

    @Override
    protected void reply(MuxedStream stream, byte[] message) throws MalformedPayloadException {
      answer.complete(codec.decodeAnswer(message));
    }

    @Override
    protected void malformed(MuxedStream stream, Exception cause) {
      answer.completeExceptionally(new MalformedPayloadException("the target's answer is malformed: "
          + cause.getMessage(), cause));
    }

    @Override
    protected void ended(MuxedStream stream) {
      answer.completeExceptionally(new NodeException(ErrorCode.UNAVAILABLE,
          "the stream to the target closed before its answer"));
    }
  }
}
