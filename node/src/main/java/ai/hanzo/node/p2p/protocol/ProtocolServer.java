package ai.hanzo.node.p2p.protocol;

import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.mux.StreamHandler;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The serving end of one protocol id: registers a fresh handler per inbound stream, and admits the work those
 * streams ask for, at most {@link ServerLimits#perPeer()} per peer, on a bounded executor of its own (the work
 * writes RocksDB, loads models or hashes: never on the event loop).
 */
public final class ProtocolServer implements AutoCloseable {
  /** What {@link #admit} did with a call. */
  public enum Admission {
    /** Running or queued; its owner calls {@link #release} once the call no longer holds its peer's slot. */
    ADMITTED,
    /** Its peer already has {@link ServerLimits#perPeer()} calls here. */
    PEER_FULL,
    /** The executor's queue is full. */
    BUSY
  }

  private final Host host;
  private final String protocolId;
  private final ServerLimits limits;
  private final Supplier<StreamHandler> handlers;
  private final PeerSlots slots;
  private final ExecutorService executor;

  public ProtocolServer(Host host, String protocolId, ServerLimits limits, Supplier<StreamHandler> handlers) {
    this(host, protocolId, limits, handlers, boundedExecutor(limits));
  }

  /** With the executor the work runs on (tests hold its tasks to see work in flight). */
  public ProtocolServer(Host host, String protocolId, ServerLimits limits, Supplier<StreamHandler> handlers,
      ExecutorService executor) {
    this.host = host;
    this.protocolId = protocolId;
    this.limits = limits;
    this.handlers = handlers;
    this.slots = new PeerSlots(limits.perPeer());
    this.executor = executor;
  }

  /** {@code limits.threads()} daemon threads, idle ones ending after 30 s, {@code limits.waiting()} queued. */
  public static ThreadPoolExecutor boundedExecutor(ServerLimits limits) {
    ThreadPoolExecutor executor = new ThreadPoolExecutor(limits.threads(), limits.threads(), 30, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(limits.waiting()), r -> {
          Thread t = new Thread(r, limits.threadName());
          t.setDaemon(true);
          return t;
        });
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  public ServerLimits limits() {
    return limits;
  }

  public void start() {
    host.addProtocolHandler(protocolId, handlers);
  }

  @Override
  public void close() {
    host.removeProtocolHandler(protocolId);
    executor.shutdownNow();
  }

  /** Takes a slot of {@code peer} and runs {@code work}; a call that is not admitted holds no slot. */
  public Admission admit(String peer, Runnable work) {
    if (!slots.tryAcquire(peer)) {
      return Admission.PEER_FULL;
    }
    try {
      executor.execute(work);
      return Admission.ADMITTED;
    } catch (RejectedExecutionException e) {
      slots.release(peer);
      return Admission.BUSY;
    }
  }

  /** Gives back the slot an admitted call of {@code peer} held. */
  public void release(String peer) {
    slots.release(peer);
  }

  /** Runs {@code work} without a peer slot (the protocol bounds it otherwise); false when the queue is full. */
  public boolean execute(Runnable work) {
    try {
      executor.execute(work);
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }
}
