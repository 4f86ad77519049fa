package ai.hanzo.node.p2p.inference;

import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.multiformats.VarintFrames;
import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.mux.StreamHandler;
import ai.hanzo.libp2p.transport.Connection;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.p2p.gossip.MalformedPayloadException;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The target's end of {@code /hanzo/inference/1.0.0}: one request per stream, read on the event loop and started
 * on a bounded executor of its own (starting may load a model), at most {@link InferenceLimits#MAX_PER_PEER} per
 * sending peer. Tokens produced before the accepted reply is written are held and sent after it, so the caller
 * always reads accepted first. A stream reset by the caller cancels its generation.
 */
public final class InferenceServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(InferenceServer.class);
  private static final int THREADS = 4;
  private static final int WAITING = 64;

  private final Host host;
  private final InferenceService service;
  private final InferenceCodec codec;
  private final PeerSlots slots = new PeerSlots(InferenceLimits.MAX_PER_PEER);
  private final ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
      new ArrayBlockingQueue<>(WAITING), r -> {
        Thread t = new Thread(r, "p2p-inference");
        t.setDaemon(true);
        return t;
      });

  public InferenceServer(Host host, InferenceService service, InferenceCodec codec) {
    this.host = host;
    this.service = service;
    this.codec = codec;
    executor.allowCoreThreadTimeOut(true);
  }

  public void start() {
    host.addProtocolHandler(InferenceLimits.PROTOCOL, Inbound::new);
  }

  @Override
  public void close() {
    host.removeProtocolHandler(InferenceLimits.PROTOCOL);
    executor.shutdownNow();
  }

  /** One inbound stream: its request, the generation it started, and the replies in order. */
  private final class Inbound implements StreamHandler {
    private final VarintFrames frames = new VarintFrames(InferenceLimits.MAX_MESSAGE);
    private final AtomicBoolean released = new AtomicBoolean();
    private MuxedStream stream;
    private String peer;
    private boolean requested;
    private volatile boolean cancelled;
    private volatile InferenceService.Running running;
    /** Tokens waiting for the accepted reply; null once it was written. Guarded by {@code this}. */
    private List<String> held = new ArrayList<>();

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
        fail(new NodeException(ErrorCode.INVALID_ARGUMENT, "not an inference request: " + e.getMessage()));
        return;
      }
      for (byte[] message : messages) {
        if (requested) {
          log.debug("peer {} sent more than one request on a stream; resetting it", peer);
          s.reset();
          return;
        }
        requested = true;
        RemoteCall call;
        try {
          call = codec.decodeCall(message);
        } catch (MalformedPayloadException e) {
          fail(new NodeException(ErrorCode.INVALID_ARGUMENT, "malformed inference request: " + e.getMessage()));
          return;
        }
        admit(call);
      }
    }

    private void admit(RemoteCall call) {
      if (!slots.tryAcquire(peer)) {
        released.set(true);
        fail(busy("peer " + peer + " already has " + InferenceLimits.MAX_PER_PEER
            + " generations running or waiting on this node"));
        return;
      }
      try {
        executor.execute(() -> begin(call));
      } catch (RejectedExecutionException e) {
        release();
        fail(busy("this node is starting " + WAITING + " forwarded generations already"));
      }
    }

    /** On the executor: authorize and start (the service may load the model), then answer. */
    private void begin(RemoteCall call) {
      if (cancelled) {
        release();
        return;
      }
      InferenceService.Running started;
      try {
        started = service.start(peer, call, call.stream() ? this::token : text -> { });
      } catch (NodeException e) {
        release();
        fail(e);
        return;
      } catch (RuntimeException e) {
        release();
        log.warn("Serving a forwarded generation for {} failed: {}", peer, e.toString());
        fail(new NodeException(ErrorCode.UNAVAILABLE, "the generation could not start: " + e.getMessage()));
        return;
      }
      running = started;
      synchronized (this) {
        send(new RemoteReply.Accepted(service.nodeId()));
        held.forEach(text -> send(new RemoteReply.Token(text)));
        held = null;
      }
      if (cancelled) {
        started.cancel();
      }
      started.done().whenComplete((done, failure) -> {
        release();
        if (failure != null) {
          fail(failure instanceof NodeException ne ? ne
              : failure.getCause() instanceof NodeException nc ? nc
              : new NodeException(ErrorCode.UNAVAILABLE, String.valueOf(failure.getMessage())));
        } else {
          send(done);
          stream.closeWrite();
        }
      });
    }

    private synchronized void token(String text) {
      if (held != null) {
        held.add(text);
      } else {
        send(new RemoteReply.Token(text));
      }
    }

    private void send(RemoteReply reply) {
      stream.write(LengthPrefixed.frame(stream.alloc(), codec.encodeReply(reply)));
    }

    private void fail(NodeException e) {
      send(new RemoteReply.Failure(e.code(), e.getMessage() == null ? "" : e.getMessage(), e.details()));
      stream.closeWrite();
    }

    private NodeException busy(String why) {
      return new NodeException(ErrorCode.RESOURCE_EXHAUSTED, why + "; retry shortly",
          Map.of("retry_after_seconds", "1"));
    }

    private void release() {
      if (released.compareAndSet(false, true)) {
        slots.release(peer);
      }
    }

    @Override
    public void onReset(MuxedStream s) {
      cancel();
    }

    @Override
    public void onClosed(MuxedStream s) {
      frames.release();
      cancel();
    }

    /** The caller went away (or the answer is complete, when this changes nothing). */
    private void cancel() {
      cancelled = true;
      InferenceService.Running r = running;
      if (r != null) {
        r.cancel();
      }
    }
  }
}
