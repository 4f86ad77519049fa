package ai.hanzo.node.p2p.placement;

import ai.hanzo.libp2p.host.Host;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.p2p.gossip.MalformedPayloadException;
import ai.hanzo.node.p2p.protocol.InboundSession;
import ai.hanzo.node.p2p.protocol.ProtocolServer;
import ai.hanzo.node.p2p.protocol.ServedProtocol;
import ai.hanzo.node.p2p.protocol.ServerLimits;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The target's end of {@code /hanzo/deploy-exec/1.0.0}: one session per stream. The session opens on the server's
 * small bounded executor (authorizing and starting a process block), then its inputs (stdin, resizes, end of input)
 * are written in order on a virtual thread of the session's own (a command that does not read its stdin blocks that
 * thread only), and the stream is read on only once they were: what waits here is bounded by the Yamux window. The
 * command's output goes out only while the stream is writable (the engine's relay stops reading the command's pipes
 * meanwhile), and a stream that stays unwritable for {@code stall} is reset, which kills the command. At most
 * {@link DeployLimits#MAX_PER_PEER} sessions per peer.
 */
public final class DeployExecServer implements ServedProtocol.Server {
  private static final Logger log = LoggerFactory.getLogger(DeployExecServer.class);
  private static final ServerLimits LIMITS = new ServerLimits("p2p-deploy-exec", 2, 64, DeployLimits.MAX_PER_PEER,
      DeployLimits.EXEC_MAX_MESSAGE);

  private final ExecService service;
  private final ExecCodec codec;
  private final Duration stall;
  private final ProtocolServer server;
  /** Stdin writes block while a command does not read: one virtual thread per session's next input, in order. */
  private final ExecutorService inputs = Executors.newThreadPerTaskExecutor(
      Thread.ofVirtual().name("p2p-deploy-exec-input-", 0).factory());

  /** @param stall how long a stream may stay unwritable before it is reset ({@link DeployLimits#EXEC_STALL}) */
  public DeployExecServer(Host host, ExecService service, ExecCodec codec, Duration stall) {
    this.service = service;
    this.codec = codec;
    this.stall = stall;
    this.server = new ProtocolServer(host, DeployLimits.EXEC_PROTOCOL, LIMITS, Inbound::new);
  }

  @Override
  public void start() {
    server.start();
  }

  @Override
  public void close() {
    server.close();
    inputs.shutdownNow();
  }

  private final class Inbound extends InboundSession<ExecStart, ExecInputFrame> implements ExecSink {
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** The session's work in order: opening, then each delivery's stdin and the read-on after it. Event loop only. */
    private CompletableFuture<Void> tail;
    private volatile ExecService.Session session;
    private volatile boolean slotTaken;

    Inbound() {
      super(LIMITS.maxMessage(), stall, "not an exec session: ", "malformed exec input: ");
    }

    @Override
    protected ExecStart decodeStart(byte[] message) throws MalformedPayloadException {
      return codec.decodeStart(message);
    }

    @Override
    protected ExecInputFrame decodeInput(byte[] message) throws MalformedPayloadException {
      return codec.decodeInput(message);
    }

    @Override
    protected void received(ExecStart start, List<ExecInputFrame> inputs) {
      if (start != null) {
        CompletableFuture<Void> opened = new CompletableFuture<>();
        tail = opened;
        String peer = peer();
        switch (server.admit(peer, () -> {
          open(start);
          opened.complete(null);
        })) {
          case PEER_FULL -> fail(ErrorCode.RESOURCE_EXHAUSTED, "peer " + peer + " already has "
              + DeployLimits.MAX_PER_PEER + " exec sessions open on this node");
          case BUSY -> fail(ErrorCode.RESOURCE_EXHAUSTED, "this node has " + LIMITS.waiting()
              + " exec sessions waiting to start already");
          case ADMITTED -> slotTaken = true;
        }
        if (!slotTaken) {
          return;
        }
      }
      if (tail == null) {
        return;
      }
      for (ExecInputFrame input : inputs) {
        then(() -> {
          ExecService.Session s = session;
          if (s != null && !ended.get()) {
            switch (input) {
              case ExecInputFrame.Stdin stdin -> s.stdin(stdin.data());
              case ExecInputFrame.Resize resize -> s.resize(resize.rows(), resize.cols());
            }
          }
        });
      }
      then(this::readOn);
    }

    @Override
    protected void inputEnded() {
      if (tail != null) {
        then(() -> {
          ExecService.Session s = session;
          if (s != null) {
            s.endOfInput();
          }
        });
      }
    }

    private void then(Runnable work) {
      tail = tail.thenRunAsync(() -> {
        try {
          work.run();
        } catch (RuntimeException e) {
          // The command no longer reads its input (it exited or closed stdin): its exit code still goes out.
          log.debug("An exec input of peer {} was not delivered: {}", peer(), e.toString());
        }
      }, inputs);
    }

    private void open(ExecStart start) {
      ExecService.Session opened;
      try {
        opened = service.open(peer(), start, this);
      } catch (RuntimeException e) {
        log.warn("Opening the exec a peer {} asked for failed: {}", peer(), e.toString());
        fail(ErrorCode.UNAVAILABLE, "the exec could not be started on this node: " + e.getMessage());
        return;
      }
      if (opened == null) {
        return;
      }
      session = opened;
      onWritable(opened::onReady);
      if (closed.get()) {
        opened.close();
      }
    }

    @Override
    protected void refuse(ErrorCode code, String message) {
      fail(code, message);
    }

    @Override
    public boolean isReady() {
      return !ended.get() && canWrite();
    }

    @Override
    public void whenReady(Runnable callback) {
      onWritable(callback);
    }

    @Override
    public void next(byte[] output) {
      if (!ended.get()) {
        send(codec.encodeFrame(new ExecFrame.Output(output)));
      }
    }

    @Override
    public void complete() {
      if (ended.compareAndSet(false, true)) {
        finish();
      }
    }

    @Override
    public void fail(ErrorCode code, String message) {
      if (ended.compareAndSet(false, true)) {
        sendLast(codec.encodeFrame(new ExecFrame.Refused(code, message)));
      }
    }

    @Override
    protected void ended() {
      if (closed.compareAndSet(false, true)) {
        ended.set(true);
        if (slotTaken) {
          server.release(peer());
        }
        ExecService.Session s = session;
        if (s != null) {
          // Kills the command if it still runs (the placing node went away or reset the session).
          inputs.execute(s::close);
        }
      }
    }
  }
}
