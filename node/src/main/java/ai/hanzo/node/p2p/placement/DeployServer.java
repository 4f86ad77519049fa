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
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The target's end of {@code /hanzo/deploy/1.0.0}: one call per stream, read on the event loop and handled on a
 * bounded executor of its own (deploying writes RocksDB), at most {@link DeployLimits#MAX_PER_PEER} per sending
 * peer; one answer, then the stream closes.
 */
public final class DeployServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DeployServer.class);
  private static final int THREADS = 2;
  private static final int WAITING = 64;

  private final Host host;
  private final DeployService service;
  private final DeployCodec codec;
  private final PeerSlots slots = new PeerSlots(DeployLimits.MAX_PER_PEER);
  private final ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
      new ArrayBlockingQueue<>(WAITING), r -> {
        Thread t = new Thread(r, "p2p-deploy");
        t.setDaemon(true);
        return t;
      });

  public DeployServer(Host host, DeployService service, DeployCodec codec) {
    this.host = host;
    this.service = service;
    this.codec = codec;
    executor.allowCoreThreadTimeOut(true);
  }

  public void start() {
    host.addProtocolHandler(DeployLimits.PROTOCOL, Inbound::new);
  }

  @Override
  public void close() {
    host.removeProtocolHandler(DeployLimits.PROTOCOL);
    executor.shutdownNow();
  }

  private final class Inbound implements StreamHandler {
    private final VarintFrames frames = new VarintFrames(DeployLimits.MAX_MESSAGE);
    private String peer;
    private boolean called;

    @Override
    public void onActive(MuxedStream s) {
      Connection connection = s.parent().attr(Connection.ATTRIBUTE).get();
      peer = connection == null ? "" : connection.remotePeer().toString();
    }

    @Override
    public void onData(MuxedStream s, ByteBuf data) {
      List<byte[]> messages;
      try {
        messages = frames.add(data);
      } catch (IllegalArgumentException e) {
        answer(s, new DeployAnswer.Refused(ErrorCode.INVALID_ARGUMENT, "not a deploy call: " + e.getMessage()));
        return;
      }
      for (byte[] message : messages) {
        if (called) {
          log.debug("peer {} sent more than one deploy call on a stream; resetting it", peer);
          s.reset();
          return;
        }
        called = true;
        DeployCall call;
        try {
          call = codec.decodeCall(message);
        } catch (MalformedPayloadException e) {
          log.info("Refused a malformed deploy call from peer {}: {}", peer, e.getMessage());
          answer(s, new DeployAnswer.Refused(ErrorCode.INVALID_ARGUMENT, "malformed deploy call: "
              + e.getMessage()));
          return;
        }
        admit(s, call);
      }
    }

    private void admit(MuxedStream s, DeployCall call) {
      if (!slots.tryAcquire(peer)) {
        answer(s, new DeployAnswer.Refused(ErrorCode.RESOURCE_EXHAUSTED, "peer " + peer + " already has "
            + DeployLimits.MAX_PER_PEER + " deploy calls waiting on this node; retry shortly"));
        return;
      }
      try {
        executor.execute(() -> {
          try {
            answer(s, service.handle(peer, call));
          } catch (RuntimeException e) {
            log.warn("Handling a deploy call from peer {} failed: {}", peer, e.toString());
            answer(s, new DeployAnswer.Refused(ErrorCode.UNAVAILABLE, "the deploy call failed on this node: "
                + e.getMessage()));
          } finally {
            slots.release(peer);
          }
        });
      } catch (RejectedExecutionException e) {
        slots.release(peer);
        answer(s, new DeployAnswer.Refused(ErrorCode.RESOURCE_EXHAUSTED, "this node has " + WAITING
            + " deploy calls waiting already; retry shortly"));
      }
    }

    private void answer(MuxedStream s, DeployAnswer answer) {
      s.write(LengthPrefixed.frame(s.alloc(), codec.encodeAnswer(answer)));
      s.closeWrite();
    }

    @Override
    public void onClosed(MuxedStream s) {
      frames.release();
    }
  }
}
