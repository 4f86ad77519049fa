package ai.hanzo.node.p2p.placement;

import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.p2p.gossip.MalformedPayloadException;
import ai.hanzo.node.p2p.protocol.OutboundRequest;
import ai.hanzo.node.p2p.protocol.ProtocolClient;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The placing node's end of {@code /hanzo/deploy-logs/1.0.0}: opens a stream to the target, writes the call,
 * half-closes, then reads the entries only as fast as {@code downstream} takes them (auto-read off: an entry is
 * read when the caller's own stream has room), so a caller that stops reading stops the target too. At most
 * {@link DeployLimits#MAX_PER_PEER} streams to one peer at once.
 */
public final class DeployLogsClient {
  private final LogsCodec codec;
  private final ProtocolClient client;

  public DeployLogsClient(Host host, LogsCodec codec) {
    this.codec = codec;
    this.client = new ProtocolClient(host, DeployLimits.LOGS_PROTOCOL, DeployLimits.MAX_PER_PEER);
  }

  /**
   * Opens the stream; every outcome ends {@code downstream} (complete or fail), on an event loop: never block in it.
   *
   * @param addresses where the target may be dialed when it is not connected (skipped when they do not parse)
   * @return closes the stream (the caller went away); idempotent
   */
  public AutoCloseable open(String peerId, List<String> addresses, LogsCall call, LogsSink downstream) {
    Runnable release = client.tryAcquire(peerId);
    if (release == null) {
      downstream.fail(ErrorCode.RESOURCE_EXHAUSTED, "this node already has " + DeployLimits.MAX_PER_PEER
          + " log streams open to peer " + peerId);
      return () -> { };
    }
    AtomicBoolean cancelled = new AtomicBoolean();
    CompletableFuture<MuxedStream> opened = client.open(PeerId.parse(peerId), addresses);
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

  private final class Outbound extends OutboundRequest {
    private final LogsSink downstream;
    private final Runnable release;
    private boolean ended;

    Outbound(LogsCall call, LogsSink downstream, Runnable release) {
      super(codec.encodeCall(call), DeployLimits.MAX_MESSAGE, true);
      this.downstream = downstream;
      this.release = release;
    }

    @Override
    protected void opened(MuxedStream stream) {
      stream.setAutoRead(false);
      downstream.onReady(() -> {
        if (!stream.isClosed()) {
          stream.read();
        }
      });
      stream.read();
    }

    @Override
    protected void reply(MuxedStream stream, byte[] message) throws MalformedPayloadException {
      if (ended) {
        return;
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

    @Override
    protected void malformed(MuxedStream stream, Exception cause) {
      end(ErrorCode.UNAVAILABLE, "the target's log stream is malformed: " + cause.getMessage());
    }

    /** Reads on only while the caller's own stream has room; else its readiness callback reads on. */
    @Override
    protected void delivered(MuxedStream stream) {
      if (!ended && downstream.isReady()) {
        stream.read();
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
    protected void ended(MuxedStream stream) {
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
