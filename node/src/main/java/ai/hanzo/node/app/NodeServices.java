package ai.hanzo.node.app;

import ai.hanzo.node.p2p.inference.InferenceProtocol;
import ai.hanzo.node.p2p.placement.DeployExecProtocol;
import ai.hanzo.node.p2p.placement.DeployLogsProtocol;
import ai.hanzo.node.p2p.placement.DeployProtocol;
import ai.hanzo.node.p2p.qos.QosPeerProtocol;
import ai.hanzo.node.api.ApiServers;
import ai.hanzo.node.api.endpoint.InferenceEndpoint;
import ai.hanzo.node.api.endpoint.NodeApi;
import ai.hanzo.node.api.endpoint.NodePhase;
import ai.hanzo.node.api.endpoint.SelfNode;
import ai.hanzo.node.p2p.gossip.wire.ProtoGossipCodecs;
import ai.hanzo.node.chain.ChainFollower;
import ai.hanzo.node.chain.ChainHealthCheck;
import ai.hanzo.node.chain.ChainMeterBinder;
import ai.hanzo.node.chain.ChainStatusSource;
import ai.hanzo.node.chain.OperatorService;
import ai.hanzo.node.chain.PeerStakes;
import ai.hanzo.node.chain.StakeMeterBinder;
import ai.hanzo.node.compute.GpuDevice;
import ai.hanzo.node.compute.NodeScheduling;
import ai.hanzo.node.config.NodeConfig;
import ai.hanzo.node.config.NodeVersion;
import ai.hanzo.node.events.DomainEvent;
import ai.hanzo.node.events.EventBus;
import ai.hanzo.node.events.EventTypes;
import ai.hanzo.node.iam.Iam;
import ai.hanzo.node.inference.serving.ModelServer;
import ai.hanzo.node.lifecycle.ControllerState;
import ai.hanzo.node.lifecycle.Service;
import ai.hanzo.node.metrics.DataDirWritableCheck;
import ai.hanzo.node.metrics.HealthChecks;
import ai.hanzo.node.metrics.HostMeterBinder;
import ai.hanzo.node.metrics.HostMetricsSampler;
import ai.hanzo.node.metrics.MlxSupport;
import ai.hanzo.node.metrics.OshiHostMetrics;
import ai.hanzo.node.p2p.GossipWiring;
import ai.hanzo.node.p2p.P2pListeningCheck;
import ai.hanzo.node.p2p.P2pNode;
import ai.hanzo.node.p2p.gossip.PeerAdmission;
import ai.hanzo.node.p2p.inference.wire.ProtoInferenceCodec;
import ai.hanzo.node.p2p.qos.wire.ProtoQosCodec;
import ai.hanzo.node.api.endpoint.AllocationsEndpoint;
import ai.hanzo.node.api.endpoint.DeploymentPlacer;
import ai.hanzo.node.api.endpoint.MadeAllocations;
import ai.hanzo.node.api.endpoint.PoolsEndpoint;
import ai.hanzo.node.api.endpoint.LeaseKeeper;
import ai.hanzo.node.api.endpoint.PlacedDeployments;
import ai.hanzo.node.api.endpoint.PlacementLeases;
import ai.hanzo.node.compute.Reservations;
import ai.hanzo.node.config.PlacementConfig;
import ai.hanzo.node.p2p.gossip.PlacementFacts;
import ai.hanzo.node.p2p.placement.Candidate;
import ai.hanzo.node.p2p.placement.LeaseRules;
import ai.hanzo.node.p2p.placement.wire.ProtoDeployCodec;
import ai.hanzo.node.p2p.placement.wire.ProtoExecCodec;
import ai.hanzo.node.p2p.placement.wire.ProtoLogsCodec;
import ai.hanzo.node.runtime.ContainerRuntime;
import ai.hanzo.node.registry.LivenessMonitor;
import ai.hanzo.node.registry.NodeRegistry;
import ai.hanzo.node.registry.RegistryConfig;
import ai.hanzo.node.registry.RocksRegisteredNodeStore;
import ai.hanzo.node.storage.NodeDatabase;
import ai.hanzo.node.usage.UsageRecorder;
import ai.hanzo.node.usage.UsageSearch;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The second phase of a node's start: every subsystem, built in dependency order over the storage the first phase
 * opened ({@link NodeStorage}) and the container runtime probed meanwhile, and the services in start order. Building
 * starts nothing: no thread, no socket.
 */
final class NodeServices {
  /** Providers with failures pending a slash quorum, at most: a bound on the slasher's memory. */
  private static final int SLASH_WATCHED_PROVIDERS = 10_000;
  private final NodeConfig config;
  private final ComputeWiring compute;
  private final P2pNode p2p;
  private final ApiServers api;
  private final Supplier<ControllerState> lifecycle;
  private final List<Service> services = new ArrayList<>();

  /**
   * @param lifecycle the controller's state, for the node's phase (STARTING, READY, ...) in status and gossip
   * @throws ai.hanzo.node.config.ConfigException when a TLS file is missing or malformed
   */
  NodeServices(NodeConfig config, NodeVersion version, NodeStorage storage, ContainerRuntime runtime,
      EventBus events, Supplier<ControllerState> lifecycle) {
    this.config = config;
    this.lifecycle = lifecycle;
    Clock clock = Clock.systemUTC();
    NodeDatabase db = storage.database();
    String nodeId = storage.nodeId();
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    Iam iam = config.iam().enabled()
        ? Iam.create(config.iam(), db.apiKeys(), db.roles(), db.audit(), clock) : null;
    this.compute = new ComputeWiring(config, runtime, events, db.deployments(), db.config(), db.metrics(),
        db.computeUsage(), meters, nodeId, clock);
    HostMetricsSampler sampler = new HostMetricsSampler(new OshiHostMetrics(config.dataDir(),
        compute.orchestrator()::activeContainers, clock), Duration.ofSeconds(1));
    sampler.addListener(new HostMetricsRecorder(db.metrics()));
    new HostMeterBinder(sampler).bindTo(meters);
    NodeRegistry registry = new NodeRegistry(new RocksRegisteredNodeStore(db.registeredNodes()),
        RegistryConfig.DEFAULTS, events, clock);
    LivenessMonitor liveness = new LivenessMonitor(registry);
    ChainFollower chain = config.chain().enabled() ? ChainFollower.create(config.chain(), clock) : null;
    // The description below names the operator's address; the operator registers the description's capabilities.
    java.util.concurrent.atomic.AtomicReference<NodeDescription> described = new java.util.concurrent.atomic
        .AtomicReference<>();
    OperatorService operators = chain != null && config.chain().registryContract().isPresent()
        ? OperatorService.create(config.chain(), db.chainTxs(), new NodeChainKey(nodeId, config.dataDir()),
            () -> CapabilitiesHash.of(described.get().capabilities()), clock)
        : null;
    if (chain != null) {
      chain.onReorg(reorg -> {
        events.publish(new DomainEvent(reorg.at(), EventTypes.CHAIN_REORG, "chain",
            Long.toString(config.chain().chainId()), reorg.describe(), Map.of("depth",
            Integer.toString(reorg.depth()), "ancestor", Long.toString(reorg.ancestor()), "previous_head",
            Long.toString(reorg.previousHead()), "new_head", Long.toString(reorg.newHead()))));
        if (operators != null) {
          operators.reorged(reorg.ancestor());
        }
      });
    }
    PeerStakes stakes = operators != null
        ? PeerStakes.create(config.chain(), chain, PeerIdentity::bytesOf, clock) : null;
    PeerAdmission admission = stakes != null && config.chain().requireStake()
        ? new StakeAdmission(stakes, meters) : PeerAdmission.OPEN;
    ModelServer models = ModelServing.create(config, clock);
    UsageRecorder usage = new UsageRecorder(db.usage(), meters);
    NodeDescription description = new NodeDescription(nodeId, () -> phase().name(), compute.runtime(), sampler,
        config.dataDir(), this::apiEndpoints, () -> compute.gpus().capabilities(),
        () -> models.available().stream().map(ai.hanzo.node.models.ModelRecord::name).toList(),
        () -> operators == null ? "" : operators.operatorAddress().orElse(""), this::placementFacts,
        this::announcedP2pAddresses);
    described.set(description);
    GossipWiring gossip = new GossipWiring(ProtoGossipCodecs.create(), description,
        new IamCommandAuthority(iam, db.audit(), clock),
        new SchedulingCommandExecutor(compute.orchestrator()), admission);
    this.p2p = new P2pNode(config.p2p(), config.dataDir(), version.agent(), events, db.peers(), gossip, clock);
    // hanzo_model_provider_lookups_total: how often the network route asked the DHT rather than its 15 s cache.
    io.micrometer.core.instrument.FunctionCounter.builder("hanzo.model.provider.lookups", p2p,
            P2pNode::modelProviderLookups)
        .description("DHT lookups of a model's providers (misses of the provider cache) by the network route")
        .register(meters);
    QosPeerProtocol qos = p2p.protocols().install(new QosPeerProtocol(new ProtoQosCodec(), db.qos(),
        new ServedModelRunner(models), config.p2p().qosSampling()));
    // Slashing is off by default; ChainOptions refuses a quorum without the registry and an operator keystore.
    QosSlasher slasher = config.chain().qosSlashQuorum() > 0 && operators != null && stakes != null
        ? new QosSlasher(new ai.hanzo.node.qos.FailureQuorum(config.chain().qosSlashQuorum(),
            ai.hanzo.node.p2p.qos.QosGossip.MAX_AGE, SLASH_WATCHED_PROVIDERS, clock), db.qos(), stakes, operators,
            clock)
        : null;
    if (slasher != null) {
      qos.onResult(slasher::heard);
    }
    p2p.protocols().install(new InferenceProtocol(new ProtoInferenceCodec(),
        new NetworkInferenceService(nodeId, new InferenceEndpoint(Optional.of(models), Optional.of(usage), clock), iam,
            db.audit(), clock)));

    HealthChecks checks = new HealthChecks();
    checks.register(new DataDirWritableCheck(config.dataDir()));
    StorageHealthCheck storageCheck = new StorageHealthCheck(db.health());
    checks.register(storageCheck);
    checks.register(new P2pListeningCheck(p2p, clock));
    checks.register(compute.healthCheck());
    if (iam != null) {
      checks.register(new IamKeySetCheck(iam));
    }
    if (chain != null) {
      checks.register(new ChainHealthCheck(chain, clock));
      new ChainMeterBinder(chain, clock).bindTo(meters);
    }
    if (stakes != null) {
      new StakeMeterBinder(stakes, this::peerIdOrNull).bindTo(meters);
    }
    PlacedDeployments placed = new PlacedDeployments(db.config());
    PlacementLeases leases = new PlacementLeases(db.config());
    DeploymentPlacer placer = new DeploymentPlacer(nodeId, p2p, () -> selfCandidate(nodeId, description), placed,
        leases, db.audit(), clock, new PeerStanding(stakes, p2p, clock),
        stakes != null && config.chain().requireStake());
    AllocationsEndpoint allocations = new AllocationsEndpoint(Optional.of(placer),
        new PoolsEndpoint(Optional.of(placer), config.placement().pools()), Optional.of(compute.orchestrator()),
        new MadeAllocations(db.config()), db.audit(), clock);
    AllocationSweep allocationSweep = new AllocationSweep(compute.orchestrator(), allocations, db.audit(), clock);
    SelfNode self = new SelfNode(() -> nodeId, this::phase, clock.instant(), sampler, clock);
    NodeApi nodeApi = NodeApi.create(self, checks, version.version(),
        MlxSupport.usable(config.mlx(), System.getProperty("os.name"), System.getProperty("os.arch")),
        config.networkId(), registry, events, Optional.of(compute.engine()), Optional.of(p2p),
        Optional.<ChainStatusSource>ofNullable(chain), Optional.ofNullable(operators), Optional.of(models),
        Optional.of(usage), Optional.of(new UsageSearch(db.usage(), db.computeUsage(), usage)), Optional.ofNullable(stakes),
        Optional.of(placer), config.placement().pools(), allocations);
    p2p.protocols().install(new DeployProtocol(new ProtoDeployCodec(), new NetworkDeployService(nodeId,
        nodeApi.compute(), iam, db.audit(), clock, new HeldLeases(db.config()), compute.orchestrator())));
    PeerCallGuard peerCalls = new PeerCallGuard(nodeId, iam, db.audit(), clock);
    p2p.protocols().install(new DeployLogsProtocol(new ProtoLogsCodec(), new NetworkLogsService(nodeApi.logs(),
        peerCalls)));
    p2p.protocols().install(new DeployExecProtocol(new ProtoExecCodec(), new NetworkExecService(nodeApi.exec(),
        peerCalls)));
    LeaseKeeper leaseKeeper = new LeaseKeeper(placer, nodeApi.compute(), leases, placed, p2p,
        new LeaseRules(config.placement().leaseTimeout()), events, db.audit(), clock);
    this.api = new ApiServers(config.api(), nodeApi, new NodeReadiness(lifecycle, storageCheck), meters, iam);

    if (chain != null) {
      // First: a node configured for another chain stops before anything else started.
      services.add(Service.of("chain", chain::start, chain::close));
    }
    if (operators != null) {
      // Right after the chain checks: a wrong keystore password stops the node before anything else started, and
      // transactions journaled before a crash are resumed at once.
      services.add(Service.of("chain-operator", operators::start, operators::close));
    }
    if (stakes != null) {
      services.add(Service.of("chain-stakes", () -> { }, stakes::close));
    }
    if (slasher != null) {
      // After the operator service: evidence stored before a crash is slashed for with its sender running.
      services.add(Service.of("qos-slasher", slasher::start, slasher::close));
    }
    if (iam != null) {
      services.add(iamService(iam));
    }
    services.add(compute.service());
    services.add(Service.of("p2p", () -> {
      p2p.start();
      IdentityContinuity.remember(db.config(), p2p.peerId().toString());
    }, p2p::stop));
    // After p2p: it calls targets; it stops before p2p, so no tick runs on a stopped host.
    services.add(Service.of("placement-leases", leaseKeeper::start, leaseKeeper::close));
    services.add(Service.of("allocation-sweep", allocationSweep::start, allocationSweep::close));
    services.add(Service.of("host-metrics", sampler::start, sampler::close));
    services.add(Service.of("registry-liveness", liveness::start, liveness::close));
    // Stops after the models, so generations that unloading cancels are still recorded, and before the database.
    services.add(Service.of("usage", usage::start, usage::close));
    // Models load on their first request; stopping after the API unloads them once no call can reach them.
    services.add(Service.of("models", () -> { }, models::close));
    services.add(Service.of("api", api::start, api::stop));
    services.add(Service.of("ports-file",
        () -> PortsFile.write(config.dataDir(), boundPorts()), () -> PortsFile.delete(config.dataDir())));
  }

  /** In start order; they stop in reverse, and the storage closes after the last. */
  List<Service> inStartOrder() {
    return List.copyOf(services);
  }

  Map<String, Integer> boundPorts() {
    Map<String, Integer> ports = new LinkedHashMap<>();
    ports.put("grpc", api.grpcPort());
    ports.put("http", api.httpPort());
    ports.put("p2p", p2p.boundPort());
    return ports;
  }

  String peerId() {
    return p2p.peerId().toString();
  }

  /** Null before the p2p host loaded its identity. */
  private String peerIdOrNull() {
    return p2p == null || p2p.peerId() == null ? null : p2p.peerId().toString();
  }

  /**
   * Fetches the identity provider's key set before the API serves (JWKS only); stops after the API, so the refusal
   * counts it writes to the audit log are the final ones.
   */
  private static Service iamService(Iam iam) {
    return Service.of("iam", () -> {
      if (iam.jwks() != null) {
        iam.jwks().warmUp();
      }
    }, iam.audit()::summariseRefusals);
  }

  /** This node as its heartbeat describes it to placing nodes: the configured place and what is unreserved. */
  /** Read by the heartbeat, which runs only once p2p started (so {@code p2p} is set). */
  private List<String> announcedP2pAddresses() {
    P2pNode node = p2p;
    return node == null ? List.of() : ai.hanzo.node.p2p.AnnouncedAddresses.of(node.listenAddresses());
  }

  private PlacementFacts placementFacts() {
    Reservations free = compute.orchestrator().unreserved();
    PlacementConfig place = config.placement();
    List<GpuDevice> gpus = compute.gpus().gpus();
    return new PlacementFacts(place.region(), place.zone(), place.labels(),
        compute.orchestrator().state().cordoned(), free.nanoCpus(), free.memoryBytes(),
        (int) Math.min(Integer.MAX_VALUE, free.replicas())).withGpus(new PlacementFacts.Gpus(gpus.size(),
        compute.orchestrator().freeGpus(), gpus.isEmpty() ? "" : gpus.get(0).model(),
        gpus.isEmpty() ? 0 : gpus.get(0).memoryBytes()));
  }

  /** This node as a candidate of its own placements. */
  private Candidate selfCandidate(String nodeId, NodeDescription description) {
    String peer = peerIdOrNull();
    return new Candidate(nodeId, peer == null ? "" : peer, List.of(), true, description.state(),
        description.runtimes(), placementFacts(), Duration.ZERO);
  }

  /** Empty while the API servers are not listening (the p2p service starts before them and stops after). */
  private List<String> apiEndpoints() {
    try {
      return List.of("grpc://" + config.api().grpcAddr().host() + ":" + api.grpcPort(),
          "http://" + config.api().httpAddr().host() + ":" + api.httpPort());
    } catch (IllegalStateException notListening) {
      return List.of();
    }
  }

  private NodePhase phase() {
    return switch (lifecycle.get()) {
      case NEW, STARTING -> NodePhase.STARTING;
      case RUNNING -> compute.orchestrator().state().drain() == NodeScheduling.Drain.NONE ? NodePhase.READY
          : NodePhase.DRAINING;
      case STOPPING -> NodePhase.DRAINING;
      case STOPPED, FAILED -> NodePhase.STOPPED;
    };
  }
}
