package ai.hanzo.node.p2p;

import ai.hanzo.libp2p.host.ConnectionLimits;
import ai.hanzo.libp2p.host.PeerInfo;
import ai.hanzo.libp2p.mdns.HostMdnsDiscovery;
import ai.hanzo.libp2p.mdns.MdnsConfig;
import ai.hanzo.node.storage.PeerRecord;
import ai.hanzo.node.storage.PeerRecordStore;
import ai.hanzo.node.p2p.gossip.CommandKind;
import ai.hanzo.node.p2p.gossip.NetworkCommand;
import ai.hanzo.node.p2p.gossip.NetworkDirectory;
import ai.hanzo.node.p2p.inference.ModelProvider;
import ai.hanzo.node.p2p.protocol.ProtocolContext;
import ai.hanzo.node.p2p.protocol.ProtocolRegistry;
import ai.hanzo.node.p2p.inference.ProviderRanking;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.Optional;
import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.host.HostConfig;
import ai.hanzo.libp2p.host.HostListener;
import ai.hanzo.libp2p.host.protocol.identify.IdentifyMessage;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.multiformats.Protocol;
import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.libp2p.transport.Connection;
import ai.hanzo.node.config.P2pConfig;
import ai.hanzo.node.events.DomainEvent;
import ai.hanzo.node.events.EventBus;
import ai.hanzo.node.events.EventTypes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node on the libp2p network: a {@link Host} on {@code --p2p-addr} with the node's persistent identity, serving
 * Identify, Ping, Echo and Perf and the protocols installed in its {@link #protocols()}, connected to its bootstrap
 * peers, and publishing peer events on the bus.
 */
public final class P2pNode {
  private static final Logger log = LoggerFactory.getLogger(P2pNode.class);
  private static final Duration LISTEN_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration PING_FIRST = Duration.ofSeconds(2);
  private static final Duration PING_EVERY = Duration.ofSeconds(30);
  /** Providers asked of the DHT per model lookup. */
  private static final int DHT_PROVIDER_LIMIT = 20;

  private final P2pConfig config;
  private final java.nio.file.Path dataDir;
  private volatile NodeIdentity identity;
  private final String agentVersion;
  private final EventBus events;
  private final Clock clock;
  private final KnownPeers known;
  private final PeerLatency latency;
  private Host host;
  private ScheduledExecutorService scheduler;
  private BootstrapDialer bootstrap;
  private HostMdnsDiscovery mdns;
  private final GossipWiring wiring;
  private volatile NodeOverlay overlay;
  private volatile Instant startedAt;
  private final ProviderRanking ranking;
  private final ModelProviderCache dhtProviders;
  private final ProtocolRegistry protocols = new ProtocolRegistry();

  /** @param peers the node database's peer store: known peers are redialled at {@link #start()} */
  public P2pNode(P2pConfig config, java.nio.file.Path dataDir, String agentVersion, EventBus events,
      PeerRecordStore peers, GossipWiring wiring, Clock clock) {
    this.wiring = wiring;
    this.config = config;
    this.dataDir = dataDir;
    this.agentVersion = agentVersion;
    this.events = events;
    this.clock = clock;
    this.known = new KnownPeers(peers, clock);
    this.latency = new PeerLatency(clock);
    this.ranking = new ProviderRanking(clock);
    this.dhtProviders = new ModelProviderCache(
        model -> started().findProviders(CapabilityKeys.model(model), DHT_PROVIDER_LIMIT), clock,
        ModelProviderCache.TTL, ModelProviderCache.MAX_MODELS);
  }

  /**
   * The protocols this node serves and calls beyond Identify, Ping, Echo and Perf: install them before {@link
   * #start()}, find them (and their clients) by type once started.
   */
  public ProtocolRegistry protocols() {
    return protocols;
  }

  /** How often this node expects a heartbeat of each peer. */
  public Duration heartbeatInterval() {
    return config.heartbeatInterval();
  }

  /**
   * Loads (or on the first start creates) the identity, listens, starts Gossipsub and the DHT, and starts dialing
   * the bootstrap peers.
   */
  public void start() throws Exception {
    startedAt = clock.instant();
    identity = NodeIdentity.loadOrCreate(dataDir);
    host = new Host(HostConfig.defaults(identity.key()).withAgentVersion(agentVersion)
        .withLimits(limits(config.maxPeers())));
    host.addListener(new EventPublisher());
    Multiaddr bound = host.listen(Multiaddr.parse(config.listenAddr()))
        .get(LISTEN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    log.info("libp2p listening on {}/p2p/{}", bound, identity.peerId());
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "p2p");
      t.setDaemon(true);
      return t;
    });
    overlay = new NodeOverlay(host, config, wiring, agentVersion, dataDir, events, scheduler, clock);
    protocols.startAll(new ProtocolContext(host, identity.key(), identity.peerId(), overlay.gossip(), scheduler,
        clock, this::announcedModels));
    List<Multiaddr> bootstrapPeers = config.bootstrap().stream().map(Multiaddr::parse).toList();
    bootstrap = new BootstrapDialer(host, bootstrapPeers, scheduler);
    List<CompletableFuture<?>> dials = new ArrayList<>();
    dials.add(bootstrap.start());
    List<Multiaddr> remembered = redialKnownPeers(dials);
    List<Multiaddr> dhtPeers = new ArrayList<>(bootstrapPeers);
    dhtPeers.addAll(remembered);
    // Only once the first dials ended: the DHT then reuses their connections instead of racing them with its own.
    NodeOverlay joining = overlay;
    CompletableFuture.allOf(dials.toArray(CompletableFuture[]::new))
        .whenComplete((v, e) -> joining.bootstrap(dhtPeers));
    scheduler.scheduleWithFixedDelay(() -> latency.pingAll(host), PING_FIRST.toMillis(), PING_EVERY.toMillis(),
        TimeUnit.MILLISECONDS);
    if (config.mdns()) {
      mdns = new HostMdnsDiscovery(host, MdnsConfig.defaults().withInterfaces(config.mdnsInterfaces()), true,
          (peer, addresses) -> log.debug("mDNS found {} at {}", peer, addresses));
      mdns.start().get(LISTEN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      log.info("mDNS discovery on ({})", config.mdnsInterfaces().isEmpty() ? "every multicast interface"
          : String.join(", ", config.mdnsInterfaces()));
    }
  }

  /** The models {@code peer} last announced in its heartbeat; none for a peer not heard from. */
  private List<String> announcedModels(PeerId peer) {
    NodeOverlay o = overlay;
    if (o == null) {
      return List.of();
    }
    return o.directory().find(peer.toString()).map(e -> e.announcement().capabilities().models())
        .orElse(List.of());
  }

  /** Trims to 80 % of {@code maxPeers} once above it, refuses new connections well beyond it. */
  static ConnectionLimits limits(int maxPeers) {
    return new ConnectionLimits(maxPeers + Math.max(8, maxPeers / 4), maxPeers * 4 / 5, maxPeers);
  }

  /** Dials the peers known from before; adds each dial to {@code dials} and returns the addresses dialled. */
  private List<Multiaddr> redialKnownPeers(List<CompletableFuture<?>> dials) {
    List<Multiaddr> targets = known.redialTargets(identity.peerId());
    for (Multiaddr target : targets) {
      dials.add(host.dial(target).handle((c, error) -> {
        if (error != null) {
          log.debug("known peer {} is not reachable now: {}", target, error.toString());
        }
        return null;
      }));
    }
    if (!targets.isEmpty()) {
      log.info("Dialing {} peers known from before", targets.size());
    }
    return targets;
  }

  /** Connected peers, and with {@code all} also the peers known from before that are not connected now. */
  public List<PeerView> peers(boolean all) {
    if (host == null || overlay == null) {
      return List.of();
    }
    List<PeerView> views = new ArrayList<>();
    java.util.Set<String> connected = new java.util.HashSet<>();
    NetworkDirectory directory = overlay.directory();
    for (Connection c : host.connectionManager().connections()) {
      PeerId peer = c.remotePeer();
      connected.add(peer.toString());
      PeerInfo info = host.peerStore().get(peer).orElse(PeerInfo.empty(peer));
      views.add(new PeerView(peer.toString(), List.of(c.remoteAddress().toString()),
          info.protocols().stream().sorted().toList(), info.agentVersion(), true,
          c.direction().name().toLowerCase(java.util.Locale.ROOT), latency.rtt(peer),
          latency.lastSeen(peer).orElse(clock.instant()), directory.find(peer.toString())));
    }
    // Nodes heard on the heartbeat topic through others are part of the network view even when not connected.
    for (NetworkDirectory.Entry e : directory.all(clock.instant())) {
      if (connected.add(e.announcement().peerId())) {
        views.add(new PeerView(e.announcement().peerId(), List.of(), List.of(), e.announcement().agent(), false, "",
            Optional.empty(), e.receivedAt(), Optional.of(e)));
      }
    }
    if (all) {
      for (PeerRecord r : known.all()) {
        if (!connected.contains(r.peerId())) {
          views.add(new PeerView(r.peerId(), r.addresses(), r.protocols(), "", false, "", Optional.empty(),
              r.lastSeen(), Optional.empty()));
        }
      }
    }
    return views;
  }

  public boolean mdnsEnabled() {
    return mdns != null;
  }

  /** The subscribed topics with their mesh sizes (read on the gossip router's thread). */
  public CompletableFuture<List<TopicView>> topics() {
    return started().topics();
  }

  public String dhtMode() {
    return config.dhtServer() ? "server" : "client";
  }

  public int routingTableSize() {
    return overlay == null ? 0 : overlay.routingTableSize();
  }

  /** @param capability {@code runtime/<name>} or {@code gpu/<model>}; a malformed one throws IllegalArgumentException */
  public CompletableFuture<List<ProviderView>> findProviders(String capability, int limit) {
    return started().findProviders(capability, limit);
  }

  /**
   * The other nodes that serve {@code model}, best first (see {@link ProviderRanking}): its DHT providers
   * ({@code model/<name>}) and the nodes whose heartbeat lists it, less this node, those whose heartbeat says they
   * no longer serve it, and those that failed recently; at most {@code limit}. A failed DHT lookup leaves the
   * heartbeat ones. The DHT's answer is kept a short while ({@link ModelProviderCache}): a failed call to a
   * provider ({@link #providerOutcome}) or its heartbeat no longer listing the model drops it from there.
   */
  public CompletableFuture<List<ModelProvider>> modelProviders(String model, int limit) {
    NodeOverlay o = started();
    String self = peerId().toString();
    return dhtProviders.providers(model).handle((found, error) -> {
      if (error != null) {
        log.debug("DHT lookup of model/{} failed: {}", model, error.toString());
      }
      Map<String, ModelProvider> all = new java.util.LinkedHashMap<>();
      for (ProviderView v : found == null ? List.<ProviderView>of() : found) {
        Optional<NetworkDirectory.Entry> heard = o.directory().find(v.peerId());
        boolean stale = heard.isPresent() && !heard.get().announcement().capabilities().models().contains(model);
        if (stale) {
          dhtProviders.stoppedAnnouncing(model, v.peerId());
        }
        if (!v.peerId().equals(self) && !stale) {
          all.put(v.peerId(), provider(v.peerId(), v.addresses(), v.nodeId()));
        }
      }
      for (NetworkDirectory.Entry e : o.directory().all(clock.instant())) {
        String peer = e.announcement().peerId();
        if (!peer.equals(self) && e.announcement().capabilities().models().contains(model)) {
          all.putIfAbsent(peer, provider(peer, List.of(), e.announcement().nodeId()));
        }
      }
      List<ModelProvider> ranked = ranking.rank(List.copyOf(all.values()));
      return ranked.size() > limit ? ranked.subList(0, limit) : ranked;
    });
  }

  private ModelProvider provider(String peer, List<String> addresses, String nodeId) {
    PeerId id = PeerId.parse(peer);
    boolean connected = host.connectionManager().find(id).filter(Connection::isOpen).isPresent();
    return new ModelProvider(peer, addresses, nodeId, connected, latency.rtt(id));
  }

  /**
   * The PeerId of a provider named by its PeerId or by its node id (as its heartbeats announce it); empty when
   * the name is neither a PeerId nor the node id of a node this one hears from.
   */
  public Optional<PeerId> resolvePeer(String peerIdOrNodeId) {
    if (isPeerId(peerIdOrNodeId)) {
      return Optional.of(PeerId.parse(peerIdOrNodeId));
    }
    NodeOverlay o = overlay;
    if (o == null) {
      return Optional.empty();
    }
    return o.directory().all(clock.instant()).stream()
        .filter(e -> e.announcement().nodeId().equals(peerIdOrNodeId))
        .map(e -> PeerId.parse(e.announcement().peerId())).findFirst();
  }

  /** Whether this node is connected to {@code peer} or knows an address to dial it at. */
  public boolean reachable(PeerId peer) {
    return host != null && (host.connectionManager().find(peer).filter(Connection::isOpen).isPresent()
        || !host.peerStore().addresses(peer).isEmpty());
  }

  /** How a forwarded call to {@code peerId} went, for the next {@link #modelProviders} ranking. */
  public void providerOutcome(String peerId, boolean ok) {
    if (ok) {
      ranking.succeeded(peerId);
    } else {
      ranking.failed(peerId);
      dhtProviders.failed(peerId);
    }
  }

  /** DHT lookups of model providers made so far; the others were answered from {@link ModelProviderCache}. */
  public long modelProviderLookups() {
    return dhtProviders.lookups();
  }

  /**
   * Signs and publishes a command for {@code target} (a peer id, or a node id), valid for {@code ttl}.
   *
   * @return the command as sent and the number of peers it went to
   */
  public CompletableFuture<SentCommand> sendCommand(String target, CommandKind kind, String commandId, Duration ttl,
      Duration drainDeadline) {
    NodeOverlay o = started();
    Instant now = clock.instant();
    boolean peerTarget = isPeerId(target);
    NetworkCommand command = new NetworkCommand(commandId, kind, peerTarget ? "" : target, peerTarget ? target : "",
        peerId().toString(), now, now.plus(ttl), drainDeadline);
    return o.send(command).thenApply(peers -> new SentCommand(command, peers));
  }

  private static boolean isPeerId(String text) {
    try {
      PeerId.parse(text);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** A command published by {@link #sendCommand} and how many peers it went to directly. */
  public record SentCommand(NetworkCommand command, int peers) {}

  /** True once some bootstrap peer is connected, or when none is configured. */
  public boolean bootstrapConnected() {
    return config.bootstrap().isEmpty() || bootstrap != null && bootstrap.anyConnected();
  }

  /** When {@link #start()} began; null before. */
  public Instant startedAt() {
    return startedAt;
  }

  private NodeOverlay started() {
    NodeOverlay o = overlay;
    if (o == null) {
      throw new IllegalStateException("the libp2p host has not started yet");
    }
    return o;
  }

  public int maxPeers() {
    return config.maxPeers();
  }

  public void stop() throws Exception {
    if (mdns != null) {
      mdns.close();
    }
    protocols.closeAll();
    if (overlay != null) {
      overlay.close();
    }
    if (bootstrap != null) {
      bootstrap.stop();
      scheduler.shutdownNow();
    }
    if (host != null) {
      host.shutdown().get(10, TimeUnit.SECONDS);
    }
  }

  /** Null until started. */
  /** The node's identity (key and PeerId) once {@link #start} loaded it; it signs what the node vouches for. */
  public Optional<NodeIdentity> identity() {
    return Optional.ofNullable(identity);
  }

  public PeerId peerId() {
    return identity == null ? null : identity.peerId();
  }

  public List<Multiaddr> listenAddresses() {
    return host == null ? List.of() : host.listenAddresses();
  }

  /** The TCP port the host really bound (after port 0), or 0 before it listens. */
  public int boundPort() {
    return listenAddresses().stream()
        .flatMap(a -> a.components().stream())
        .filter(c -> c.protocol() == Protocol.TCP)
        .mapToInt(c -> c.port())
        .findFirst().orElse(0);
  }

  public int connectedPeers() {
    return host == null ? 0 : host.connectionManager().connections().size();
  }

  private void publish(String type, PeerId peer, String message, Map<String, String> attributes) {
    events.publish(new DomainEvent(clock.instant(), type, "peer", peer.toString(), message, attributes));
  }

  /** Turns host callbacks (on event loops) into bus events; publishing never blocks. */
  private final class EventPublisher implements HostListener {
    @Override
    public void connected(Connection connection) {
      latency.seen(connection.remotePeer());
      publish(EventTypes.PEER_CONNECTED, connection.remotePeer(), "connected to " + connection.remoteAddress(),
          Map.of("address", connection.remoteAddress().toString()));
    }

    @Override
    public void disconnected(Connection connection) {
      latency.forget(connection.remotePeer());
      NodeOverlay o = overlay;
      if (o != null) {
        o.directory().forget(connection.remotePeer().toString());
      }
      publish(EventTypes.PEER_DISCONNECTED, connection.remotePeer(), "disconnected",
          Map.of("address", connection.remoteAddress().toString()));
      if (bootstrap != null) {
        bootstrap.redialIfBootstrap(connection.remoteAddress(), connection.remotePeer());
      }
    }

    @Override
    public void identified(PeerId peer, IdentifyMessage identify) {
      latency.seen(peer);
      try {
        known.record(peer, identify);
      } catch (RuntimeException e) {
        log.warn("Could not remember peer {}: {}", peer, e.toString());
      }
      publish(EventTypes.PEER_IDENTIFIED, peer, "identified",
          Map.of("agent", String.valueOf(identify.agentVersion())));
    }
  }
}
