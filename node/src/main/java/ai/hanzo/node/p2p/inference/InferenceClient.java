package ai.hanzo.node.p2p.inference;

import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.multiformats.VarintFrames;
import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.mux.StreamHandler;
import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.p2p.gossip.MalformedPayloadException;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The forwarding node's end of {@code /hanzo/inference/1.0.0}: opens a stream to the provider (dialing it at the
 * addresses its provider record gave, when not connected), writes the request, half-closes and hands each reply to
 * a listener, on the connection's event loop. At most {@link InferenceLimits#MAX_PER_PEER} calls to one peer at
 * once.
 */
public final class InferenceClient {
  private final Host host;
  private final InferenceCodec codec;
  private final PeerSlots slots = new PeerSlots(InferenceLimits.MAX_PER_PEER);

  public InferenceClient(Host host, InferenceCodec codec) {
    this.host = host;
    this.codec = codec;
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
  public Call call(ModelProvider provider, RemoteCall call, Listener listener) {
    PeerId peer = PeerId.parse(provider.peerId());
    if (!slots.tryAcquire(provider.peerId())) {
      throw new NodeException(ErrorCode.RESOURCE_EXHAUSTED, "this node already forwards "
          + InferenceLimits.MAX_PER_PEER + " generations to peer " + provider.peerId(),
          Map.of("retry_after_seconds", "1"));
    }
    AtomicBoolean released = new AtomicBoolean();
    Runnable release = () -> {
      if (released.compareAndSet(false, true)) {
        slots.release(provider.peerId());
      }
    };
    List<Multiaddr> addresses = new ArrayList<>();
    for (String a : provider.addresses()) {
      try {
        addresses.add(Multiaddr.parse(a));
      } catch (RuntimeException e) {
        // An address we cannot parse is one we cannot dial; the others may do.
      }
    }
    if (!addresses.isEmpty()) {
      host.peerStore().addAddresses(peer, addresses);
    }
    Outbound handler = new Outbound(call, listener, release);
    CompletableFuture<MuxedStream> opened = host.newStream(peer, InferenceLimits.PROTOCOL);
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

  private final class Outbound implements StreamHandler {
    private final RemoteCall call;
    private final Listener listener;
    private final Runnable release;
    private final VarintFrames frames = new VarintFrames(InferenceLimits.MAX_MESSAGE);
    private boolean finished;

    Outbound(RemoteCall call, Listener listener, Runnable release) {
      this.call = call;
      this.listener = listener;
      this.release = release;
    }

    @Override
    public void onActive(MuxedStream stream) {
      stream.write(LengthPrefixed.frame(stream.alloc(), codec.encodeCall(call)));
      stream.closeWrite();
    }

    @Override
    public void onData(MuxedStream stream, ByteBuf data) {
      try {
        for (byte[] message : frames.add(data)) {
          if (finished) {
            continue;
          }
          RemoteReply reply = codec.decodeReply(message);
          if (reply instanceof RemoteReply.Done || reply instanceof RemoteReply.Failure) {
            finished = true;
            release.run();
          }
          listener.reply(reply);
        }
      } catch (MalformedPayloadException | IllegalArgumentException e) {
        finish(new MalformedPayloadException("the provider's answer is malformed: " + e.getMessage(), e));
        stream.reset();
      }
    }

    @Override
    public void onClosed(MuxedStream stream) {
      frames.release();
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
