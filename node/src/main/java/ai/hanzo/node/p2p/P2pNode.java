package ai.hanzo.node.p2p;

import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.libp2p.host.ConnectionLimits;
import ai.hanzo.libp2p.host.PeerInfo;
import ai.hanzo.libp2p.mdns.HostMdnsDiscovery;
import ai.hanzo.libp2p.mdns.MdnsConfig;
import ai.hanzo.node.storage.PeerRecord;
import ai.hanzo.node.storage.PeerRecordStore;
import ai.hanzo.node.p2p.gossip.CommandKind;
import ai.hanzo.node.p2p.gossip.NetworkCommand;
import ai.hanzo.node.p2p.gossip.NetworkDirectory;
import ai.hanzo.node.p2p.inference.InferenceClient;
import ai.hanzo.node.p2p.placement.DeployClient;
import ai.hanzo.node.p2p.placement.DeployLimits;
import ai.hanzo.node.p2p.placement.DeployLogsClient;
import ai.hanzo.node.p2p.placement.DeployLogsServer;
import ai.hanzo.node.p2p.placement.DeployCodec;
import ai.hanzo.node.p2p.placement.DeployServer;
import ai.hanzo.node.p2p.placement.DeployService;
import ai.hanzo.node.p2p.placement.LogsCodec;
import ai.hanzo.node.p2p.placement.LogsService;
import ai.hanzo.node.p2p.inference.InferenceCodec;
import ai.hanzo.node.p2p.inference.InferenceServer;
import ai.hanzo.node.p2p.inference.InferenceService;
import ai.hanzo.node.p2p.inference.ModelProvider;
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
import ai.hanzo.node.p2p.qos.QosChallenger;
import ai.hanzo.node.p2p.qos.QosClient;
import ai.hanzo.node.p2p.qos.QosAnswer;
import ai.hanzo.node.p2p.qos.QosCodec;
import ai.hanzo.node.p2p.qos.QosGossip;
import ai.hanzo.node.p2p.qos.QosSampler;
import ai.hanzo.node.p2p.qos.QosServer;
import ai.hanzo.node.p2p.qos.QosService;
import ai.hanzo.node.qos.ChallengeIssuer;
import ai.hanzo.node.qos.ChallengeResponder;
import ai.hanzo.node.qos.ModelRunner;
import ai.hanzo.node.qos.PeerRateLimit;
import ai.hanzo.node.qos.QosLimits;
import ai.hanzo.node.qos.ReplayGuard;
import ai.hanzo.node.qos.SignedChallenge;
import ai.hanzo.node.qos.SignedResult;
import ai.hanzo.node.storage.QosStore;
import java.security.SecureRandom;
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
 * Identify, Ping, Echo and Perf, connected to its bootstrap peers, and publishing peer events on the bus.
 */
public final class P2pNode {
  private static final Logger log = LoggerFactory.getLogger(P2pNode.class);
  private static final Duration LISTEN_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration PING_FIRST = Duration.ofSeconds(2);
  private static final Duration PING_EVERY = Duration.ofSeconds(30);
  /** Challenges answered and not yet past their deadline: 30 a minute from each of many peers, 5 min at most. */
  private static final int QOS_OPEN_CHALLENGES = 100_000;

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
  private InferenceCodec inferenceCodec;
  private InferenceService inferenceService;
  private InferenceServer inferenceServer;
  private volatile InferenceClient inferenceClient;
  private QosCodec qosCodec;
  private ModelRunner qosModels = ModelRunner.NONE;
  private volatile java.util.function.Consumer<SignedResult> qosResults = r -> { };
  private QosStore qosStore;
  private volatile QosServer qosServer;
  private QosSampler qosSampler;
  private volatile QosService qos;
  private DeployCodec deployCodec;
  private DeployService deployService;
  private DeployServer deployServer;
  private volatile DeployClient deployClient;
  private LogsCodec logsCodec;
  private LogsService logsService;
  private DeployLogsServer logsServer;
  private volatile DeployLogsClient logsClient;

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
  }

  /**
   * Serves {@code /hanzo/inference/1.0.0} with {@code service} and lets this node forward generations
   * ({@link #inference()}); call before {@link #start()}. A node that never calls it neither serves nor forwards.
   */
  public void serveInference(InferenceCodec codec, InferenceService service) {
    this.inferenceCodec = codec;
    this.inferenceService = service;
  }

  /**
   * Answers {@code /hanzo/qos/1.0.0} challenges and lets this node challenge others ({@link #qos()}), scores kept in
   * {@code store}; call before {@link #start()}.
   */
  public void serveQos(QosCodec codec, QosStore store) {
    serveQos(codec, store, ModelRunner.NONE);
  }

  /**
   * {@link #serveQos(QosCodec, QosStore)} with the models this node serves: it answers model challenges of them
   * and issues model challenges for them (checking the answers by running the same prompts).
   */
  public void serveQos(QosCodec codec, QosStore store, ModelRunner models) {
    this.qosModels = models;
    this.qosCodec = codec;
    this.qosStore = store;
  }

  /**
   * Hands {@code listener} every QoS result this node knows to be genuine: its own (as it signs them) and those of
   * others accepted on {@code hanzo/qos/v1} (verified, fresh, first seen), failures included; on a p2p thread, so
   * the listener must not block. Call before {@link #start()}.
   */
  public void onQosResult(java.util.function.Consumer<SignedResult> listener) {
    this.qosResults = listener;
  }

  /**
   * Serves {@code /hanzo/deploy/1.0.0} with {@code service} and lets this node place deployments on others
   * ({@link #deployments()}); call before {@link #start()}.
   */
  public void servePlacement(DeployCodec codec, DeployService service) {
    this.deployCodec = codec;
    this.deployService = service;
  }

  /**
   * Serves {@code /hanzo/deploy-logs/1.0.0} with {@code service} and lets this node stream the logs of deployments
   * it placed on others ({@link #deploymentLogs()}); call before {@link #start()}.
   */
  public void servePlacementLogs(LogsCodec codec, LogsService service) {
    this.logsCodec = codec;
    this.logsService = service;
  }

  /** The client of {@code /hanzo/deploy-logs/1.0.0}; empty before start or without {@link #servePlacementLogs}. */
  public Optional<DeployLogsClient> deploymentLogs() {
    return Optional.ofNullable(logsClient);
  }

  /** The client of {@code /hanzo/deploy/1.0.0}; empty before start or without {@link #servePlacement}. */
  public Optional<DeployClient> deployments() {
    return Optional.ofNullable(deployClient);
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
    if (inferenceCodec != null) {
      inferenceServer = new InferenceServer(host, inferenceService, inferenceCodec);
      inferenceServer.start();
      inferenceClient = new InferenceClient(host, inferenceCodec);
    }
    if (qosCodec != null) {
      qosServer = new QosServer(host, new ChallengeResponder(identity.key(), clock,
          new ReplayGuard(clock, QOS_OPEN_CHALLENGES), qosModels),
          new PeerRateLimit(clock, QosLimits.PER_PEER_PER_MINUTE, Duration.ofMinutes(1)), qosCodec);
      qosServer.start();
      qos = new QosService(new QosChallenger(host, new QosClient(host, qosCodec),
          new ChallengeIssuer(identity.key(), clock, new SecureRandom()), clock, qosModels), qosStore, clock);
      startQosGossip(qos);
    }
    if (deployCodec != null) {
      deployServer = new DeployServer(host, deployService, deployCodec);
      deployServer.start();
      deployClient = new DeployClient(host, deployCodec);
    }
    if (logsCodec != null) {
      logsServer = new DeployLogsServer(host, logsService, logsCodec, DeployLimits.LOGS_STALL);
      logsServer.start();
      logsClient = new DeployLogsClient(host, logsCodec);
    }
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

  /**
   * Gossips the signed result of every challenge this node runs on {@code hanzo/qos/v1}, folds the verified
   * results of others into its scores, and samples its peers on the configured schedule.
   */
  private void startQosGossip(QosService service) {
    QosGossip results = new QosGossip(overlay.gossip(), clock);
    String self = identity.peerId().toString();
    service.onScored(run -> {
      SignedResult signed = SignedResult.sign(run.challenge(), run.proof(), run.outcome(), clock.instant(),
          identity.key());
      results.publish(signed);
      qosResults.accept(signed);
    });
    results.start(result -> {
      service.fold(result, self);
      qosResults.accept(result);
    }, scheduler);
    qosSampler = new QosSampler(host, service, config.qosSampling(), scheduler, new SecureRandom(),
        this::sharedModels);
    qosSampler.start();
  }

  /** The models {@code peer} last announced that this node serves too: the ones it can check a model answer of. */
  private List<String> sharedModels(PeerId peer) {
    NodeOverlay o = overlay;
    if (o == null) {
      return List.of();
    }
    return o.directory().find(peer.toString()).map(e -> e.announcement().capabilities().models().stream()
        .filter(qosModels::serves).distinct().sorted().toList()).orElse(List.of());
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
   * no longer serve it, and those that failed recently. A failed DHT lookup leaves the heartbeat ones.
   */
  public CompletableFuture<List<ModelProvider>> modelProviders(String model, int limit) {
    NodeOverlay o = started();
    String self = peerId().toString();
    return o.findProviders(CapabilityKeys.model(model), limit).handle((found, error) -> {
      if (error != null) {
        log.debug("DHT lookup of model/{} failed: {}", model, error.toString());
      }
      Map<String, ModelProvider> all = new java.util.LinkedHashMap<>();
      for (ProviderView v : found == null ? List.<ProviderView>of() : found) {
        Optional<NetworkDirectory.Entry> heard = o.directory().find(v.peerId());
        boolean stale = heard.isPresent() && !heard.get().announcement().capabilities().models().contains(model);
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
      return ranking.rank(List.copyOf(all.values()));
    });
  }

  private ModelProvider provider(String peer, List<String> addresses, String nodeId) {
    PeerId id = PeerId.parse(peer);
    boolean connected = host.connectionManager().find(id).filter(Connection::isOpen).isPresent();
    return new ModelProvider(peer, addresses, nodeId, connected, latency.rtt(id));
  }

  /** The client of {@code /hanzo/inference/1.0.0}; empty before start or without {@link #serveInference}. */
  public Optional<InferenceClient> inference() {
    return Optional.ofNullable(inferenceClient);
  }

  /**
   * Answers, as the provider, a challenge that came by the API instead of {@code /hanzo/qos/1.0.0}; fails with
   * UNAVAILABLE before start or without {@link #serveQos}.
   */
  public CompletableFuture<QosAnswer> answerQos(SignedChallenge challenge) {
    QosServer server = qosServer;
    if (server == null) {
      return CompletableFuture.failedFuture(new NodeException(ErrorCode.UNAVAILABLE,
          "this node does not answer qos challenges yet"));
    }
    return server.answer(challenge);
  }

  /** This node as a challenger of others; empty before start or without {@link #serveQos}. */
  public Optional<QosService> qos() {
    return Optional.ofNullable(qos);
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
    }
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
    if (logsServer != null) {
      logsServer.close();
    }
    if (deployServer != null) {
      deployServer.close();
    }
    if (inferenceServer != null) {
      inferenceServer.close();
    }
    if (qosSampler != null) {
      qosSampler.close();
    }
    if (qosServer != null) {
      qosServer.close();
    }
    if (qos != null) {
      qos.close();
    }
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
