package ai.hanzo.node.p2p.placement;

import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.multiformats.VarintFrames;
import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.mux.StreamHandler;
import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.p2p.gossip.MalformedPayloadException;
import ai.hanzo.node.p2p.inference.LengthPrefixed;
import ai.hanzo.node.p2p.inference.PeerSlots;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The placing node's end of {@code /hanzo/deploy/1.0.0}: opens a stream to the target (dialing it at the addresses
 * it was seen at when not connected), writes the call, half-closes and completes with the one answer, or fails
 * after {@link DeployLimits#ANSWER_TIMEOUT} (the stream is then reset). At most {@link DeployLimits#MAX_PER_PEER}
 * calls to one peer at once.
 */
public final class DeployClient {
  private final Host host;
  private final DeployCodec codec;
  private final PeerSlots slots = new PeerSlots(DeployLimits.MAX_PER_PEER);

  public DeployClient(Host host, DeployCodec codec) {
    this.host = host;
    this.codec = codec;
  }

  /** Every outcome completes the future, on an event loop: never block in its callbacks. */
  public CompletableFuture<DeployAnswer> call(String peerId, List<String> addresses, DeployCall call) {
    PeerId peer = PeerId.parse(peerId);
    if (!slots.tryAcquire(peerId)) {
      return CompletableFuture.failedFuture(new NodeException(ErrorCode.RESOURCE_EXHAUSTED,
          "this node already has " + DeployLimits.MAX_PER_PEER + " deploy calls in flight to peer " + peerId));
    }
    AtomicBoolean released = new AtomicBoolean();
    List<Multiaddr> dialable = new ArrayList<>();
    for (String a : addresses) {
      try {
        dialable.add(Multiaddr.parse(a));
      } catch (RuntimeException e) {
        // An address we cannot parse is one we cannot dial; the others may do.
      }
    }
    if (!dialable.isEmpty()) {
      host.peerStore().addAddresses(peer, dialable);
    }
    CompletableFuture<DeployAnswer> answer = new CompletableFuture<>();
    answer.whenComplete((a, e) -> {
      if (released.compareAndSet(false, true)) {
        slots.release(peerId);
      }
    });
    CompletableFuture<MuxedStream> opened = host.newStream(peer, DeployLimits.PROTOCOL);
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

  private final class Outbound implements StreamHandler {
    private final DeployCall call;
    private final CompletableFuture<DeployAnswer> answer;
    private final VarintFrames frames = new VarintFrames(DeployLimits.MAX_MESSAGE);

    Outbound(DeployCall call, CompletableFuture<DeployAnswer> answer) {
      this.call = call;
      this.answer = answer;
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
          answer.complete(codec.decodeAnswer(message));
        }
      } catch (MalformedPayloadException | IllegalArgumentException e) {
        answer.completeExceptionally(new MalformedPayloadException("the target's answer is malformed: "
            + e.getMessage(), e));
        stream.reset();
      }
    }

    @Override
    public void onClosed(MuxedStream stream) {
      frames.release();
      answer.completeExceptionally(new NodeException(ErrorCode.UNAVAILABLE,
          "the stream to the target closed before its answer"));
    }
  }
}
