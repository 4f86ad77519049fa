package ai.hanzo.node.p2p.placement;

import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.multiformats.VarintFrames;
import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.mux.StreamHandler;
import ai.hanzo.libp2p.transport.Connection;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.p2p.gossip.MalformedPayloadException;
import ai.hanzo.node.p2p.inference.LengthPrefixed;
import ai.hanzo.node.p2p.inference.PeerSlots;
import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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
public final class DeployLogsServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DeployLogsServer.class);
  private static final int THREADS = 2;
  private static final int WAITING = 64;

  private final Host host;
  private final LogsService service;
  private final LogsCodec codec;
  private final Duration stall;
  private final PeerSlots slots = new PeerSlots(DeployLimits.MAX_PER_PEER);
  private final ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
      new ArrayBlockingQueue<>(WAITING), r -> {
        Thread t = new Thread(r, "p2p-deploy-logs");
        t.setDaemon(true);
        return t;
      });

  /** @param stall how long a stream may stay unwritable before it is reset ({@link DeployLimits#LOGS_STALL}) */
  public DeployLogsServer(Host host, LogsService service, LogsCodec codec, Duration stall) {
    this.host = host;
    this.service = service;
    this.codec = codec;
    this.stall = stall;
    executor.allowCoreThreadTimeOut(true);
  }

  public void start() {
    host.addProtocolHandler(DeployLimits.LOGS_PROTOCOL, Inbound::new);
  }

  @Override
  public void close() {
    host.removeProtocolHandler(DeployLimits.LOGS_PROTOCOL);
    executor.shutdownNow();
  }

  private final class Inbound implements StreamHandler, LogsSink {
    private final VarintFrames frames = new VarintFrames(DeployLimits.MAX_MESSAGE);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile MuxedStream stream;
    private volatile AutoCloseable producer;
    private volatile Runnable whenReady;
    private volatile ScheduledFuture<?> stallTimer;
    private String peer = "";
    private boolean called;
    private boolean slotTaken;

    @Override
    public void onActive(MuxedStream s) {
      stream = s;
      Connection connection = s.parent().attr(Connection.ATTRIBUTE).get();
      peer = connection == null ? "" : connection.remotePeer().toString();
    }

    @Override
    public void onData(MuxedStream s, ByteBuf data) {
      List<byte[]> messages;
      try {
        messages = frames.add(data);
      } catch (IllegalArgumentException e) {
        fail(ErrorCode.INVALID_ARGUMENT, "not a logs call: " + e.getMessage());
        return;
      }
      for (byte[] message : messages) {
        if (called) {
          log.debug("peer {} sent more than one logs call on a stream; resetting it", peer);
          s.reset();
          return;
        }
        called = true;
        LogsCall call;
        try {
          call = codec.decodeCall(message);
        } catch (MalformedPayloadException e) {
          log.info("Refused a malformed logs call from peer {}: {}", peer, e.getMessage());
          fail(ErrorCode.INVALID_ARGUMENT, "malformed logs call: " + e.getMessage());
          return;
        }
        admit(call);
      }
    }

    private void admit(LogsCall call) {
      if (!slots.tryAcquire(peer)) {
        fail(ErrorCode.RESOURCE_EXHAUSTED, "peer " + peer + " already has " + DeployLimits.MAX_PER_PEER
            + " log streams open on this node");
        return;
      }
      slotTaken = true;
      try {
        executor.execute(() -> {
          AutoCloseable opened;
          try {
            opened = service.open(peer, call, this);
          } catch (RuntimeException e) {
            log.warn("Opening the logs a peer {} asked for failed: {}", peer, e.toString());
            fail(ErrorCode.UNAVAILABLE, "the logs could not be opened on this node: " + e.getMessage());
            return;
          }
          producer = opened;
          if (closed.get()) {
            closeProducer();
          }
        });
      } catch (RejectedExecutionException e) {
        fail(ErrorCode.RESOURCE_EXHAUSTED, "this node has " + WAITING + " log calls waiting already");
      }
    }

    @Override
    public boolean isReady() {
      MuxedStream s = stream;
      if (s.isClosed()) {
        return false;
      }
      if (s.isWritable()) {
        return true;
      }
      armStallTimer(s);
      return false;
    }

    /** Resets the stream when it is still unwritable after {@link #stall}: the follower is not reading. */
    private void armStallTimer(MuxedStream s) {
      if (stallTimer != null) {
        return;
      }
      stallTimer = s.eventLoop().schedule(() -> {
        stallTimer = null;
        if (!s.isWritable() && !s.isClosed()) {
          log.info("Peer {} read none of its log stream for {} s; resetting it", peer, stall.toSeconds());
          s.reset();
        }
      }, stall.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void onReady(Runnable callback) {
      whenReady = callback;
    }

    @Override
    public void onWritabilityChanged(MuxedStream s) {
      if (!s.isWritable()) {
        return;
      }
      ScheduledFuture<?> timer = stallTimer;
      if (timer != null) {
        timer.cancel(false);
        stallTimer = null;
      }
      Runnable callback = whenReady;
      if (callback != null) {
        callback.run();
      }
    }

    @Override
    public void next(byte[] entry) {
      MuxedStream s = stream;
      if (!ended.get()) {
        s.write(LengthPrefixed.frame(s.alloc(), codec.encodeFrame(new LogsFrame.Entry(entry))));
      }
    }

    @Override
    public void complete() {
      if (ended.compareAndSet(false, true)) {
        stream.closeWrite();
      }
    }

    @Override
    public void fail(ErrorCode code, String message) {
      if (ended.compareAndSet(false, true)) {
        MuxedStream s = stream;
        s.write(LengthPrefixed.frame(s.alloc(), codec.encodeFrame(new LogsFrame.Refused(code, message))));
        s.closeWrite();
      }
    }

    @Override
    public void onClosed(MuxedStream s) {
      frames.release();
      if (closed.compareAndSet(false, true)) {
        if (slotTaken) {
          slots.release(peer);
        }
        ScheduledFuture<?> timer = stallTimer;
        if (timer != null) {
          timer.cancel(false);
        }
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
        log.warn("Closing a log stream of peer {} failed: {}", peer, e.toString());
      }
    }
  }
}
