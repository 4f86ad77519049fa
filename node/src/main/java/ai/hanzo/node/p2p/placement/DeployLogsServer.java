package ai.hanzo.node.p2p.placement;

import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.p2p.gossip.MalformedPayloadException;
import ai.hanzo.node.p2p.protocol.InboundRequest;
import ai.hanzo.node.p2p.protocol.ProtocolServer;
import ai.hanzo.node.p2p.protocol.ServedProtocol;
import ai.hanzo.node.p2p.protocol.ServerLimits;
import ai.hanzo.node.p2p.protocol.StallGuard;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The target's end of {@code /hanzo/deploy-logs/1.0.0}: one call per stream, opened on a small executor of its own
 * (authorizing and finding the deployment block), then the service's producer writes entries as the stream has
 * room. Bounded three ways: at most {@link DeployLimits#MAX_PER_PEER} streams per peer, the producer only writes
 * while the stream is writable (so a placing node that stops reading stops it, and the engine's log relay holds its
 * small queue), and a stream that stays unwritable for {@code stall} is reset, which closes the producer: a follower
 * that never reads holds nothing here for longer than that.
 */
public final class DeployLogsServer implements ServedProtocol.Server {
  private static final Logger log = LoggerFactory.getLogger(DeployLogsServer.class);
  private static final ServerLimits LIMITS = new ServerLimits("p2p-deploy-logs", 2, 64, DeployLimits.MAX_PER_PEER,
      DeployLimits.MAX_MESSAGE);

  private final LogsService service;
  private final LogsCodec codec;
  private final Duration stall;
  private final ProtocolServer server;

  /** @param stall how long a stream may stay unwritable before it is reset ({@link DeployLimits#LOGS_STALL}) */
  public DeployLogsServer(Host host, LogsService service, LogsCodec codec, Duration stall) {
    this.service = service;
    this.codec = codec;
    this.stall = stall;
    this.server = new ProtocolServer(host, DeployLimits.LOGS_PROTOCOL, LIMITS, Inbound::new);
  }

  public void start() {
    server.start();
  }

  @Override
  public void close() {
    server.close();
  }

  private final class Inbound extends InboundRequest<LogsCall> implements LogsSink {
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final StallGuard guard = new StallGuard(stall, () -> "Peer " + peer() + " read none of its log stream");
    private volatile AutoCloseable producer;
    private volatile boolean slotTaken;

    Inbound() {
      super(LIMITS.maxMessage(), "not a logs call: ", "malformed logs call: ");
    }

    @Override
    protected LogsCall decode(byte[] message) throws MalformedPayloadException {
      return codec.decodeCall(message);
    }

    @Override
    protected void received(LogsCall call) {
      String peer = peer();
      switch (server.admit(peer, () -> open(call))) {
        case PEER_FULL -> fail(ErrorCode.RESOURCE_EXHAUSTED, "peer " + peer + " already has "
            + DeployLimits.MAX_PER_PEER + " log streams open on this node");
        case BUSY -> fail(ErrorCode.RESOURCE_EXHAUSTED, "this node has " + LIMITS.waiting()
            + " log calls waiting already");
        case ADMITTED -> slotTaken = true;
      }
    }

    private void open(LogsCall call) {
      AutoCloseable opened;
      try {
        opened = service.open(peer(), call, this);
      } catch (RuntimeException e) {
        log.warn("Opening the logs a peer {} asked for failed: {}", peer(), e.toString());
        fail(ErrorCode.UNAVAILABLE, "the logs could not be opened on this node: " + e.getMessage());
        return;
      }
      producer = opened;
      if (closed.get()) {
        closeProducer();
      }
    }

    @Override
    protected void refuse(ErrorCode code, String message) {
      fail(code, message);
    }

    @Override
    public boolean isReady() {
      return guard.isReady(stream());
    }

    @Override
    public void onReady(Runnable callback) {
      guard.onReady(callback);
    }

    @Override
    public void onWritabilityChanged(MuxedStream s) {
      guard.writabilityChanged(s);
    }

    @Override
    public void next(byte[] entry) {
      if (!ended.get()) {
        send(codec.encodeFrame(new LogsFrame.Entry(entry)));
      }
    }

    @Override
    public void complete() {
      if (ended.compareAndSet(false, true)) {
        stream().closeWrite();
      }
    }

    @Override
    public void fail(ErrorCode code, String message) {
      if (ended.compareAndSet(false, true)) {
        sendLast(codec.encodeFrame(new LogsFrame.Refused(code, message)));
      }
    }

    @Override
    protected void ended() {
      if (closed.compareAndSet(false, true)) {
        if (slotTaken) {
          server.release(peer());
        }
        guard.cancel();
        closeProducer();
      }
    }

    private void closeProducer() {
      AutoCloseable p = producer;
      producer = null;
      if (p == null) {
        return;
      }
      try {
        p.close();
      } catch (Exception e) {
        log.warn("Closing a log stream of peer {} failed: {}", peer(), e.toString());
      }
    }
  }
}
