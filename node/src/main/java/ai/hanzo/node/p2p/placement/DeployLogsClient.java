package ai.hanzo.node.p2p.placement;

import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.multiformats.VarintFrames;
import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.mux.StreamHandler;
import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.p2p.gossip.MalformedPayloadException;
import ai.hanzo.node.p2p.inference.LengthPrefixed;
import ai.hanzo.node.p2p.inference.PeerSlots;
import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The placing node's end of {@code /hanzo/deploy-logs/1.0.0}: opens a stream to the target, writes the call,
 * half-closes, then reads the entries only as fast as {@code downstream} takes them (auto-read off: an entry is
 * read when the caller's own stream has room), so a caller that stops reading stops the target too. At most
 * {@link DeployLimits#MAX_PER_PEER} streams to one peer at once.
 */
public final class DeployLogsClient {
  private final Host host;
  private final LogsCodec codec;
  private final PeerSlots slots = new PeerSlots(DeployLimits.MAX_PER_PEER);

  public DeployLogsClient(Host host, LogsCodec codec) {
    this.host = host;
    this.codec = codec;
  }

  /**
   * Opens the stream; every outcome ends {@code downstream} (complete or fail), on an event loop: never block in it.
   *
   * @return closes the stream (the caller went away); idempotent
   */
  public AutoCloseable open(String peerId, LogsCall call, LogsSink downstream) {
    if (!slots.tryAcquire(peerId)) {
      downstream.fail(ErrorCode.RESOURCE_EXHAUSTED, "this node already has " + DeployLimits.MAX_PER_PEER
          + " log streams open to peer " + peerId);
      return () -> { };
    }
    AtomicBoolean released = new AtomicBoolean();
    Runnable release = () -> {
      if (released.compareAndSet(false, true)) {
        slots.release(peerId);
      }
    };
    AtomicBoolean cancelled = new AtomicBoolean();
    CompletableFuture<MuxedStream> opened = host.newStream(PeerId.parse(peerId), DeployLimits.LOGS_PROTOCOL);
    opened.whenComplete((stream, error) -> {
      if (error != null) {
        release.run();
        downstream.fail(ErrorCode.UNAVAILABLE, "peer " + peerId + " could not be reached: " + error.getMessage());
      } else if (cancelled.get()) {
        release.run();
        stream.reset();
      } else {
        stream.setHandler(new Outbound(call, downstream, release));
      }
    });
    return () -> {
      if (cancelled.compareAndSet(false, true)) {
        opened.thenAccept(MuxedStream::reset);
      }
    };
  }

  private final class Outbound implements StreamHandler {
    private final LogsCall call;
    private final LogsSink downstream;
    private final Runnable release;
    private final VarintFrames frames = new VarintFrames(DeployLimits.MAX_MESSAGE);
    private boolean ended;

    Outbound(LogsCall call, LogsSink downstream, Runnable release) {
      this.call = call;
      this.downstream = downstream;
      this.release = release;
    }

    @Override
    public void onActive(MuxedStream stream) {
      stream.setAutoRead(false);
      downstream.onReady(() -> stream.eventLoop().execute(() -> {
        if (!stream.isClosed()) {
          stream.read();
        }
      }));
      stream.write(LengthPrefixed.frame(stream.alloc(), codec.encodeCall(call)));
      stream.closeWrite();
      // Not read() here: this handler is attached while the negotiation's data is being delivered, and the end of
      // that delivery takes back any read asked for during it. Asked for after it, the read waits for the answer.
      stream.eventLoop().execute(stream::read);
    }

    @Override
    public void onData(MuxedStream stream, ByteBuf data) {
      try {
        for (byte[] message : frames.add(data)) {
          if (ended) {
            continue;
          }
          LogsFrame frame = codec.decodeFrame(message);
          if (frame instanceof LogsFrame.Entry e) {
            downstream.next(e.entry());
          } else {
            LogsFrame.Refused r = (LogsFrame.Refused) frame;
            ended = true;
            downstream.fail(r.code(), r.message());
          }
        }
      } catch (MalformedPayloadException | IllegalArgumentException e) {
        end(ErrorCode.UNAVAILABLE, "the target's log stream is malformed: " + e.getMessage());
        stream.reset();
        return;
      }
      // Read on only while the caller's own stream has room; else its readiness callback reads on. After this
      // delivery ends: a read asked for during one is used up by it.
      if (!ended && downstream.isReady()) {
        stream.eventLoop().execute(stream::read);
      }
    }

    @Override
    public void onRemoteClose(MuxedStream stream) {
      if (!ended) {
        ended = true;
        downstream.complete();
      }
    }

    @Override
    public void onReset(MuxedStream stream) {
      end(ErrorCode.UNAVAILABLE, "the target closed the log stream (it resets a stream nobody reads)");
    }

    @Override
    public void onClosed(MuxedStream stream) {
      frames.release();
      release.run();
      end(ErrorCode.UNAVAILABLE, "the log stream to the target closed before its end");
    }

    private void end(ErrorCode code, String message) {
      if (!ended) {
        ended = true;
        downstream.fail(code, message);
      }
    }
  }
}
