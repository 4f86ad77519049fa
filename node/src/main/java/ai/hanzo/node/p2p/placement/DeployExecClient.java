package ai.hanzo.node.p2p.placement;

import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.p2p.gossip.MalformedPayloadException;
import ai.hanzo.node.p2p.protocol.OutboundSession;
import ai.hanzo.node.p2p.protocol.ProtocolClient;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The placing node's end of {@code /hanzo/deploy-exec/1.0.0}: opens a stream to the target and writes the start,
 * then the caller's stdin in pieces of at most {@link DeployLimits#EXEC_STDIN_PIECE} bytes, each only once the
 * stream has room (so a command that does not read its stdin blocks the caller's stdin write, as a local exec does,
 * instead of piling it up here), and half-closes at the caller's end of input. Output is read only as fast as
 * {@code downstream} takes it. A target that goes away or resets the stream ends {@code downstream} with
 * UNAVAILABLE. At most {@link DeployLimits#MAX_PER_PEER} sessions to one peer at once.
 */
public final class DeployExecClient {
  private final ExecCodec codec;
  private final ProtocolClient client;

  public DeployExecClient(Host host, ExecCodec codec) {
    this.codec = codec;
    this.client = new ProtocolClient(host, DeployLimits.EXEC_PROTOCOL, DeployLimits.MAX_PER_PEER);
  }

  /**
   * Opens the session; every outcome ends {@code downstream} (complete or fail), on an event loop: never block in it.
   *
   * @param addresses where the target may be dialed when it is not connected (skipped when they do not parse)
   * @return the session: its stdin blocks until the target's stream has room; close resets the stream
   */
  public ExecService.Session open(String peerId, List<String> addresses, ExecStart start, ExecSink downstream) {
    Runnable release = client.tryAcquire(peerId);
    if (release == null) {
      downstream.fail(ErrorCode.RESOURCE_EXHAUSTED, "this node already has " + DeployLimits.MAX_PER_PEER
          + " exec sessions open to peer " + peerId);
      return new Outbound(start, downstream, () -> { }, true);
    }
    Outbound session = new Outbound(start, downstream, release, false);
    client.open(PeerId.parse(peerId), addresses).whenComplete((stream, error) -> {
      if (error != null) {
        release.run();
        session.end(ErrorCode.UNAVAILABLE, "peer " + peerId + " could not be reached: " + error.getMessage());
      } else if (session.isClosed()) {
        release.run();
        stream.reset();
      } else {
        stream.setHandler(session);
      }
    });
    return session;
  }

  private final class Outbound extends OutboundSession implements ExecService.Session {
    private final ExecSink downstream;
    private final Runnable release;
    private final CompletableFuture<MuxedStream> active = new CompletableFuture<>();
    private final Object room = new Object();
    private volatile boolean ended;
    private volatile boolean closed;
    private boolean finished;

    Outbound(ExecStart start, ExecSink downstream, Runnable release, boolean ended) {
      super(codec.encodeStart(start), DeployLimits.EXEC_MAX_MESSAGE);
      this.downstream = downstream;
      this.release = release;
      this.ended = ended;
      if (ended) {
        active.completeExceptionally(new NodeException(ErrorCode.RESOURCE_EXHAUSTED, "no session"));
      }
    }

    boolean isClosed() {
      return closed;
    }

    /** Only once the start is on its way: stdin or a half-close before it would reach the target first. */
    @Override
    protected void written(MuxedStream stream) {
      active.complete(stream);
    }

    @Override
    public void stdin(byte[] data) {
      MuxedStream stream = awaitActive();
      for (int from = 0; from < data.length; from += DeployLimits.EXEC_STDIN_PIECE) {
        awaitRoom(stream);
        send(codec.encodeStdin(Arrays.copyOfRange(data, from, Math.min(data.length,
            from + DeployLimits.EXEC_STDIN_PIECE))));
      }
    }

    /** After any stdin sent before it, as the caller sent them; waits for room as stdin does. */
    @Override
    public void resize(int rows, int cols) {
      MuxedStream stream = awaitActive();
      awaitRoom(stream);
      send(codec.encodeResize(new ExecInputFrame.Resize(rows, cols)));
    }

    @Override
    public void endOfInput() {
      active.thenAccept(stream -> finishOnce());
    }

    private void finishOnce() {
      synchronized (room) {
        if (finished || stream().isClosed()) {
          return;
        }
        finished = true;
      }
      finish();
    }

    @Override
    public void onReady() {
      readOn();
    }

    @Override
    public void close() {
      closed = true;
      active.thenAccept(MuxedStream::reset);
      wakeWriters();
    }

    private MuxedStream awaitActive() {
      try {
        return active.get(DeployLimits.ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException | TimeoutException e) {
        throw new NodeException(ErrorCode.UNAVAILABLE, "the exec session to the target is not open");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new NodeException(ErrorCode.UNAVAILABLE, "interrupted while opening the exec session");
      }
    }

    /** Waits while the target does not read (its window is spent and our queue is full). */
    private void awaitRoom(MuxedStream stream) {
      synchronized (room) {
        while (!ended && !closed && !stream.isClosed() && !stream.isWritable()) {
          try {
            room.wait(1000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NodeException(ErrorCode.UNAVAILABLE, "interrupted while the target took no stdin");
          }
        }
      }
      if (ended || closed || stream.isClosed()) {
        throw new NodeException(ErrorCode.FAILED_PRECONDITION, "the exec session has ended");
      }
    }

    private void wakeWriters() {
      synchronized (room) {
        room.notifyAll();
      }
    }

    @Override
    public void onWritabilityChanged(MuxedStream stream) {
      wakeWriters();
    }

    @Override
    protected void reply(MuxedStream stream, byte[] message) throws MalformedPayloadException {
      if (ended) {
        return;
      }
      ExecFrame frame = codec.decodeFrame(message);
      if (frame instanceof ExecFrame.Output o) {
        downstream.next(o.output());
      } else {
        ExecFrame.Refused r = (ExecFrame.Refused) frame;
        end(r.code(), r.message());
      }
    }

    @Override
    protected void malformed(MuxedStream stream, Exception cause) {
      end(ErrorCode.UNAVAILABLE, "the target's exec stream is malformed: " + cause.getMessage());
    }

    /** Reads on only while the caller's own stream has room; else its readiness callback reads on. */
    @Override
    protected void delivered(MuxedStream stream) {
      if (ended) {
        return;
      }
      if (downstream.isReady()) {
        readOn();
      } else {
        downstream.whenReady(this::readOn);
      }
    }

    /** The target's output ended (the exit code or a refusal came): no stdin is wanted any more either. */
    @Override
    public void onRemoteClose(MuxedStream stream) {
      finishOnce();
      if (!ended) {
        ended = true;
        wakeWriters();
        downstream.complete();
      }
    }

    @Override
    public void onReset(MuxedStream stream) {
      end(ErrorCode.UNAVAILABLE, "the exec session was reset: the target went away or gave the session up");
    }

    @Override
    protected void ended(MuxedStream stream) {
      release.run();
      end(ErrorCode.UNAVAILABLE, "the exec session to the target closed before its end");
    }

    void end(ErrorCode code, String message) {
      if (!ended) {
        ended = true;
        wakeWriters();
        if (!active.isDone()) {
          active.completeExceptionally(new NodeException(code, message));
        }
        downstream.fail(code, message);
      }
    }
  }
}
