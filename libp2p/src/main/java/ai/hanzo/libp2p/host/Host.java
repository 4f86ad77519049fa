package ai.hanzo.libp2p.host;

import ai.hanzo.libp2p.host.protocol.echo.EchoClient;
import ai.hanzo.libp2p.host.protocol.echo.EchoHandler;
import ai.hanzo.libp2p.host.protocol.identify.IdentifyMessage;
import ai.hanzo.libp2p.host.protocol.identify.IdentifyService;
import ai.hanzo.libp2p.host.protocol.perf.PerfClient;
import ai.hanzo.libp2p.host.protocol.perf.PerfServerHandler;
import ai.hanzo.libp2p.host.protocol.ping.PingClient;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.multistream.MultistreamListener;
import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.mux.StreamHandler;
import ai.hanzo.libp2p.noise.NoiseConfig;
import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.libp2p.transport.Connection;
import ai.hanzo.libp2p.transport.Direction;
import ai.hanzo.libp2p.transport.EventLoops;
import ai.hanzo.libp2p.transport.TcpListener;
import ai.hanzo.libp2p.transport.TcpTransport;
import ai.hanzo.libp2p.transport.TransportException;
import ai.hanzo.libp2p.transport.UpgradeConfig;
import ai.hanzo.libp2p.transport.Upgrader;
import ai.hanzo.libp2p.yamux.YamuxMuxerFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A libp2p host: one identity, TCP listeners, connections secured with Noise and multiplexed
 * with Yamux, a registry of protocol handlers, Identify and Ping served, a connection manager
 * and a peer store. Every method is asynchronous and safe to call from any thread.
 */
public final class Host implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Host.class);

  private final HostConfig config;
  private final PeerId peerId;
  private final EventLoops loops;
  private final ExecutorService resolver;
  private final TcpTransport transport;
  private final Upgrader upgrader;
  private final ConnectionManager connections;
  private final PeerStore peerStore = new PeerStore();
  private final ProtocolRegistry registry = new ProtocolRegistry();
  private final List<HostListener> listeners = new CopyOnWriteArrayList<>();
  private final List<Multiaddr> listenAddresses = new CopyOnWriteArrayList<>();
  private final List<TcpListener> tcpListeners = new CopyOnWriteArrayList<>();
  private final IdentifyService identify;
  private final PingClient ping = new PingClient();
  private final KeepAlivePinger keepAlive;
  private volatile boolean closed;

  public Host(HostConfig config) {
    this.config = config;
    this.peerId = PeerId.fromPublicKey(config.identity().publicKey());
    this.loops = EventLoops.create(config.ioThreads());
    this.resolver = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "libp2p-dns");
      t.setDaemon(true);
      return t;
    });
    this.transport = new TcpTransport(loops, config.connectTimeout(), resolver);
    this.upgrader = new Upgrader(new UpgradeConfig(
        NoiseConfig.of(config.identity()), new YamuxMuxerFactory(config.yamux()),
        config.upgradeTimeout(), config.streamNegotiationTimeout()));
    this.connections = new ConnectionManager(config.limits());
    this.identify = new IdentifyService(this::localIdentify, this::recordIdentify,
        config.upgradeTimeout());
    registry.add(IdentifyService.ID, identify::responder);
    registry.add(IdentifyService.PUSH_ID, identify::pushReceiver);
    registry.add(PingClient.ID, EchoHandler::new);
    if (config.serveDiagnostics()) {
      registry.add(EchoClient.ID, EchoHandler::new);
      registry.add(PerfClient.ID, PerfServerHandler::new);
    }
    this.keepAlive = new KeepAlivePinger(ping, () -> new ArrayList<>(connections.connections()),
        config.pingInterval());
    keepAlive.start(loops.group().next());
  }

  public PeerId peerId() {
    return peerId;
  }

  public HostConfig config() {
    return config;
  }

  public PeerStore peerStore() {
    return peerStore;
  }

  public ConnectionManager connectionManager() {
    return connections;
  }

  public void addListener(HostListener listener) {
    listeners.add(listener);
  }

  /** Starts listening; completes with the bound address (the real port when 0 was asked for). */
  public CompletableFuture<Multiaddr> listen(Multiaddr address) {
    requireOpen();
    return transport.listen(address, channel -> upgrader
            .upgrade(channel, Direction.INBOUND, Optional.empty(), this::acceptStream)
            .thenAccept(c -> admit(c, Optional.empty())))
        .thenApply(listener -> {
          tcpListeners.add(listener);
          listenAddresses.addAll(ListenAddresses.dialable(listener.address()));
          pushIdentify();
          return listener.address();
        });
  }

  /** The addresses peers can dial us on, without {@code /p2p/}. */
  public List<Multiaddr> listenAddresses() {
    return List.copyOf(listenAddresses);
  }

  /**
   * Connects to {@code address}; when it ends in {@code /p2p/<id>} the remote must be that peer,
   * and an existing connection to it is reused.
   */
  public CompletableFuture<Connection> dial(Multiaddr address) {
    requireOpen();
    Optional<PeerId> expected = PeerId.of(address);
    Optional<Connection> existing = expected.flatMap(connections::find).filter(Connection::isOpen);
    if (existing.isPresent()) {
      return CompletableFuture.completedFuture(existing.get());
    }
    return dialAddress(address, expected);
  }

  /** The existing connection to {@code peer}, or a new one to its addresses in the peer store. */
  public CompletableFuture<Connection> dial(PeerId peer) {
    requireOpen();
    Optional<Connection> existing = connections.find(peer).filter(Connection::isOpen);
    if (existing.isPresent()) {
      return CompletableFuture.completedFuture(existing.get());
    }
    List<Multiaddr> addresses = peerStore.addresses(peer).stream()
        .filter(TcpTransport::canDial).toList();
    if (addresses.isEmpty()) {
      return CompletableFuture.failedFuture(
          new TransportException("no dialable address known for " + peer));
    }
    CompletableFuture<Connection> attempt = dialAddress(addresses.get(0), Optional.of(peer));
    for (Multiaddr next : addresses.subList(1, addresses.size())) {
      attempt = attempt.exceptionallyCompose(e -> dialAddress(next, Optional.of(peer)));
    }
    return attempt;
  }

  private CompletableFuture<Connection> dialAddress(Multiaddr address, Optional<PeerId> expected) {
    CompletableFuture<Connection> upgraded = new CompletableFuture<>();
    transport.dial(TcpTransport.withoutPeerId(address), channel -> upgrader
            .upgrade(channel, Direction.OUTBOUND, expected, this::acceptStream)
            .whenComplete((c, e) -> {
              if (e != null) {
                upgraded.completeExceptionally(e);
              } else {
                upgraded.complete(c);
              }
            }))
        .exceptionally(e -> {
          upgraded.completeExceptionally(e);
          return null;
        });
    return upgraded.thenCompose(c -> admit(c, Optional.of(TcpTransport.withoutPeerId(address)))
        .map(CompletableFuture::completedFuture)
        .orElseGet(() -> CompletableFuture.failedFuture(new TransportException(
            "connection to " + address + " refused: the host is closed or at its limit of "
                + config.limits().maxConnections() + " connections"))));
  }

  /** Opens a stream to {@code peer} (dialing it if needed) for the first protocol it supports. */
  public CompletableFuture<MuxedStream> newStream(PeerId peer, String... protocols) {
    return dial(peer).thenCompose(c -> c.newStream(protocols));
  }

  /** Serves {@code protocol} with one handler from {@code factory} per inbound stream. */
  public void addProtocolHandler(String protocol, Supplier<StreamHandler> factory) {
    if (registry.add(protocol, factory)) {
      pushIdentify();
    }
  }

  public void removeProtocolHandler(String protocol) {
    if (registry.remove(protocol)) {
      pushIdentify();
    }
  }

  public List<String> protocols() {
    return registry.ids();
  }

  /** Pings over an existing or new connection; completes with the round-trip time. */
  public CompletableFuture<Duration> ping(PeerId peer) {
    return dial(peer).thenCompose(ping::ping);
  }

  private Optional<Connection> admit(Connection candidate, Optional<Multiaddr> dialed) {
    if (closed) {
      candidate.close();
      return Optional.empty();
    }
    Optional<Connection> kept = connections.admit(candidate);
    if (kept.isPresent() && kept.get() == candidate) {
      dialed.ifPresent(a -> peerStore.addAddresses(candidate.remotePeer(), List.of(a)));
      candidate.closeFuture().thenRun(() -> {
        connections.remove(candidate);
        listeners.forEach(l -> l.disconnected(candidate));
      });
      listeners.forEach(l -> l.connected(candidate));
      identify.request(candidate).whenComplete((message, error) -> {
        if (error != null) {
          LOG.debug("Identify of {} failed: {}", candidate, error.toString());
        } else {
          recordIdentify(candidate, message);
        }
      });
    }
    return kept;
  }

  private void acceptStream(Connection connection, MuxedStream stream) {
    stream.setHandler(new MultistreamListener(registry::handlerFor, registry.ids(),
        config.streamNegotiationTimeout()));
  }

  private IdentifyMessage localIdentify() {
    return new IdentifyMessage(IdentifyService.PROTOCOL_VERSION, config.agentVersion(),
        config.identity().publicKey(), listenAddresses(), null, registry.ids());
  }

  private void recordIdentify(Connection connection, IdentifyMessage message) {
    PeerId peer = connection.remotePeer();
    if (message.key().isPresent() && !peer.matches(message.publicKey())) {
      LOG.warn("{} sent an Identify key that is not its own; closing the connection", peer);
      connection.close();
      return;
    }
    peerStore.setIdentity(peer, message.key().orElse(connection.remotePublicKey()),
        message.agentVersion(), message.protocolVersion());
    peerStore.addAddresses(peer, message.listenAddrs());
    peerStore.setProtocols(peer, Set.copyOf(message.protocols()));
    listeners.forEach(l -> l.identified(peer, message));
  }

  private void pushIdentify() {
    connections.connections().forEach(c -> {
      if (peerStore.protocols(c.remotePeer()).contains(IdentifyService.PUSH_ID)) {
        identify.push(c);
      }
    });
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("host " + peerId + " is closed");
    }
  }

  /** Stops listening, closes every connection and releases the event loops. */
  public CompletableFuture<Void> shutdown() {
    closed = true;
    keepAlive.stop();
    List<CompletableFuture<Void>> pending = new ArrayList<>();
    tcpListeners.forEach(l -> pending.add(l.close()));
    connections.connections().forEach(c -> pending.add(c.close()));
    return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
        .completeOnTimeout(null, 5, TimeUnit.SECONDS)
        .thenCompose(v -> loops.shutdown())
        .whenComplete((v, e) -> resolver.shutdownNow());
  }

  /** Blocking {@link #shutdown()}; never call it on an event loop. */
  @Override
  public void close() {
    shutdown().join();
  }
}
