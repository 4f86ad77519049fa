package ai.hanzo.node.p2p.inference;

import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.p2p.gossip.MalformedPayloadException;
import ai.hanzo.node.p2p.protocol.OutboundRequest;
import ai.hanzo.node.p2p.protocol.ProtocolClient;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The forwarding node's end of {@code /hanzo/inference/1.0.0}: opens a stream to the provider (dialing it at the
 * addresses its provider record gave, when not connected), writes the request, half-closes and hands each reply to
 * a listener, on the connection's event loop (generations and embeddings calls alike). At most {@link InferenceLimits#MAX_PER_PEER} calls to one peer at
 * once.
 */
public final class InferenceClient {
  private final InferenceCodec codec;
  private final ProtocolClient client;

  public InferenceClient(Host host, InferenceCodec codec) {
    this.codec = codec;
    this.client = new ProtocolClient(host, InferenceLimits.PROTOCOL, InferenceLimits.MAX_PER_PEER);
  }

  /** Receives the replies of one call, on an event loop: never block here. */
  public interface Listener {
    void reply(RemoteReply reply);

    /** The stream ended without a final reply (done or failure), or the provider could not be reached. */
    void broken(Throwable cause);
  }

  /** A call in flight. */
  public interface Call {
    /** Resets the stream: the provider cancels the generation. */
    void cancel();
  }

  /**
   * Calls {@code provider}; every outcome reaches {@code listener}, also a failure to connect. Throws
   * RESOURCE_EXHAUSTED at once when this node already has its maximum of calls in flight to that peer.
   */
  public Call call(ModelProvider provider, RemoteRequest call, Listener listener) {
    PeerId peer = PeerId.parse(provider.peerId());
    Runnable release = client.tryAcquire(provider.peerId());
    if (release == null) {
      throw new NodeException(ErrorCode.RESOURCE_EXHAUSTED, "this node already forwards "
          + InferenceLimits.MAX_PER_PEER + " generations to peer " + provider.peerId(),
          Map.of("retry_after_seconds", "1"));
    }
    Outbound handler = new Outbound(call, listener, release);
    CompletableFuture<MuxedStream> opened = client.open(peer, provider.addresses());
    opened.whenComplete((stream, error) -> {
      if (error != null) {
        release.run();
        listener.broken(error);
      } else {
        stream.setHandler(handler);
      }
    });
    return () -> opened.thenAccept(MuxedStream::reset);
  }

  private final class Outbound extends OutboundRequest {
    private final Listener listener;
    private final Runnable release;
    private boolean finished;

    Outbound(RemoteRequest call, Listener listener, Runnable release) {
      super(codec.encodeRequest(call), InferenceLimits.MAX_MESSAGE, true);
      this.listener = listener;
      this.release = release;
    }

    @Override
    protected void reply(MuxedStream stream, byte[] message) throws MalformedPayloadException {
      if (finished) {
        return;
      }
      RemoteReply reply = codec.decodeReply(message);
      if (reply instanceof RemoteReply.Done || reply instanceof RemoteReply.Embedded
          || reply instanceof RemoteReply.Failure) {
        finished = true;
        release.run();
      }
      listener.reply(reply);
    }

    @Override
    protected void malformed(MuxedStream stream, Exception cause) {
      finish(new MalformedPayloadException("the provider's answer is malformed: " + cause.getMessage(), cause));
    }

    @Override
    protected void ended(MuxedStream stream) {
      finish(new NodeException(ErrorCode.UNAVAILABLE, "the stream to the provider closed before its answer ended"));
    }

    private void finish(Throwable cause) {
      release.run();
      if (!finished) {
        finished = true;
        listener.broken(cause);
      }
    }
  }
}
