package ai.hanzo.libp2p.pubsub;

import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.host.HostListener;
import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.mux.StreamHandler;
import ai.hanzo.libp2p.pb.pubsub.RpcProto;
import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.libp2p.transport.Connection;
import ai.hanzo.libp2p.transport.Direction;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gossipsub v1.1 ({@code /meshsub/1.1.0}, {@code /meshsub/1.0.0}) with v1.2's IDONTWANT ({@code /meshsub/1.2.0})
 * on a {@link Host}.
 *
 * <p>Threading: one single-threaded scheduler ("gossipsub-…") owns all router state; it runs the
 * heartbeat, every inbound RPC (decoded on the connection's event loop, then handed over) and
 * every call of this API, which therefore returns futures. Handlers, validators and listeners are
 * called on that thread and must not block it. Outbound RPCs are written from it to each peer's
 * long-lived stream, which is safe from any thread and never blocks.
 */
public final class Gossipsub implements AutoCloseable {
  public static final String MESHSUB_V12 = "/meshsub/1.2.0";
  public static final String MESHSUB_V11 = "/meshsub/1.1.0";
  public static final String MESHSUB_V10 = "/meshsub/1.0.0";
  private static final Logger LOG = LoggerFactory.getLogger(Gossipsub.class);

  private final Host host;
  private final ScheduledExecutorService executor;
  private final OutboundStreams outbound;
  private final GossipRouter router;
  private final Listeners listeners = new Listeners();
  private volatile boolean closed;

  private Gossipsub(Host host, GossipsubConfig config) {
    this.host = host;
    this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "gossipsub-" + host.peerId().toString().substring(0, 14));
      t.setDaemon(true);
      return t;
    });
    this.outbound = new OutboundStreams(List.of(MESHSUB_V12, MESHSUB_V11, MESHSUB_V10),
        config.maxMessageSize(), config.maxOutboundQueueBytes());
    RpcSender sender = new RpcSender() {
      @Override
      public boolean send(PeerId peer, RpcProto.RPC rpc) {
        return outbound.send(peer, rpc);
      }

      @Override
      public void connect(PeerId peer) {
        host.dial(peer).exceptionally(e -> null);
      }
    };
    this.router = new GossipRouter(config, host.config().identity(), Clock.systemUTC(),
        new SecureRandom(), sender, listeners, executor);
  }

  /** Starts gossipsub on {@code host}: serves the protocol and joins every pubsub peer. */
  public static Gossipsub start(Host host, GossipsubConfig config) {
    Gossipsub g = new Gossipsub(host, config);
    g.begin(config);
    return g;
  }

  private void begin(GossipsubConfig config) {
    Supplier<StreamHandler> inbound = () ->
        new InboundRpcHandler(config.maxMessageSize(), new InboundRpcHandler.Target() {
          @Override
          public void opened(MuxedStream stream) {
            Connection c = stream.parent().attr(Connection.ATTRIBUTE).get();
            onRouter(() -> join(c, stream.attr(MuxedStream.PROTOCOL).get()));
            openOutbound(c);
          }

          @Override
          public void rpc(MuxedStream stream, RpcProto.RPC rpc) {
            PeerId peer = stream.parent().attr(Connection.ATTRIBUTE).get().remotePeer();
            onRouter(() -> router.handleRpc(peer, rpc));
          }

          @Override
          public void violation(MuxedStream stream, String what) {
            PeerId peer = stream.parent().attr(Connection.ATTRIBUTE).get().remotePeer();
            onRouter(() -> router.protocolViolation(peer, what));
          }
        });
    host.addProtocolHandler(MESHSUB_V12, inbound);
    host.addProtocolHandler(MESHSUB_V11, inbound);
    host.addProtocolHandler(MESHSUB_V10, inbound);
    host.addListener(new HostListener() {
      @Override
      public void connected(Connection connection) {
        openOutbound(connection);
      }

      @Override
      public void disconnected(Connection connection) {
        forgetIfGone(connection.remotePeer());
      }
    });
    host.connectionManager().connections().forEach(this::openOutbound);
    long period = config.heartbeatInterval().toMillis();
    executor.scheduleAtFixedRate(this::heartbeat, config.heartbeatInitialDelay().toMillis(),
        period, TimeUnit.MILLISECONDS);
  }

  private void heartbeat() {
    try {
      router.heartbeat();
    } catch (RuntimeException e) {
      // A failing heartbeat must not cancel the schedule.
      LOG.error("gossipsub heartbeat failed", e);
    }
  }

  private void openOutbound(Connection connection) {
    if (closed) {
      return;
    }
    outbound.open(connection, (peer, protocol) -> onRouter(() -> join(connection, protocol)),
        this::forgetIfGone);
  }

  /** Removes the peer from the router unless another connection to it is open (a reconnect). */
  private void forgetIfGone(PeerId peer) {
    onRouter(() -> {
      if (host.connectionManager().find(peer).filter(Connection::isOpen).isEmpty()) {
        router.removePeer(peer);
      }
    });
  }

  /** Hands work to the router's thread; after {@link #close()} it is dropped. */
  private void onRouter(Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      // Closed: host events that still arrive have no router to go to.
    }
  }

  private void join(Connection connection, String protocol) {
    if (connection.isOpen()) {
      router.addPeer(connection.remotePeer(), protocol,
          connection.direction() == Direction.OUTBOUND, ipOf(connection));
    }
  }

  private static InetAddress ipOf(Connection connection) {
    try {
      return connection.remoteAddress().toInetSocketAddress().getAddress();
    } catch (RuntimeException e) {
      return null;
    }
  }

  public PeerId peerId() {
    return host.peerId();
  }

  public void addListener(GossipsubListener listener) {
    listeners.add(listener);
  }

  /** Subscribes and announces it; {@code handler} gets every delivered message of the topic. */
  public CompletableFuture<Void> subscribe(String topic, Consumer<PubsubMessage> handler) {
    return call(() -> {
      router.subscribe(topic, handler);
      return null;
    });
  }

  public CompletableFuture<Void> unsubscribe(String topic) {
    return call(() -> {
      router.unsubscribe(topic);
      return null;
    });
  }

  /** Signs and publishes; completes with the number of peers the message was sent to. */
  public CompletableFuture<Integer> publish(String topic, byte[] data) {
    return call(() -> router.publish(topic, data));
  }

  /** Installs the validator of {@code topic} (replacing any previous one). */
  public CompletableFuture<Void> addValidator(String topic, Validator validator) {
    return call(() -> {
      router.addValidator(topic, validator);
      return null;
    });
  }

  public CompletableFuture<Set<PeerId>> meshPeers(String topic) {
    return call(() -> router.meshPeers(topic));
  }

  /** Peers known to be subscribed to {@code topic}. */
  public CompletableFuture<Set<PeerId>> topicPeers(String topic) {
    return call(() -> router.topicPeers(topic));
  }

  public CompletableFuture<Double> peerScore(PeerId peer) {
    return call(() -> router.scoreOf(peer));
  }

  /** True when the peer's score is below the graylist threshold (its RPCs are ignored). */
  public CompletableFuture<Boolean> isGraylisted(PeerId peer) {
    return call(() -> router.isGraylisted(peer));
  }

  private <T> CompletableFuture<T> call(Supplier<T> action) {
    return CompletableFuture.supplyAsync(action, executor);
  }

  /** Stops the heartbeat and closes our outbound streams; the host stays up. */
  @Override
  public void close() {
    closed = true;
    host.removeProtocolHandler(MESHSUB_V12);
    host.removeProtocolHandler(MESHSUB_V11);
    host.removeProtocolHandler(MESHSUB_V10);
    executor.shutdownNow();
    outbound.close();
  }
}
