package ai.hanzo.node.app;

import ai.hanzo.node.api.ApiServers;
import ai.hanzo.node.api.NodeApi;
import ai.hanzo.node.api.NodePhase;
import ai.hanzo.node.compute.NodeScheduling;
import ai.hanzo.node.api.SelfNode;
import ai.hanzo.node.config.NodeConfig;
import ai.hanzo.node.config.NodeVersion;
import ai.hanzo.node.events.EventBus;
import ai.hanzo.node.iam.Iam;
import ai.hanzo.node.lifecycle.ControllerState;
import ai.hanzo.node.lifecycle.Service;
import ai.hanzo.node.lifecycle.ServiceController;
import ai.hanzo.node.lifecycle.StartupException;
import ai.hanzo.node.metrics.DataDirWritableCheck;
import ai.hanzo.node.metrics.HealthChecks;
import ai.hanzo.node.metrics.HostMeterBinder;
import ai.hanzo.node.metrics.HostMetricsSampler;
import ai.hanzo.node.metrics.MlxSupport;
import ai.hanzo.node.metrics.OshiHostMetrics;
import ai.hanzo.node.api.gossip.ProtoGossipCodecs;
import ai.hanzo.node.p2p.GossipWiring;
import ai.hanzo.node.p2p.P2pListeningCheck;
import ai.hanzo.node.p2p.P2pNode;
import ai.hanzo.node.p2p.gpu.GpuDetector;
import ai.hanzo.node.registry.LivenessMonitor;
import ai.hanzo.node.registry.NodeRegistry;
import ai.hanzo.node.registry.RegistryConfig;
import ai.hanzo.node.registry.RocksRegisteredNodeStore;
import ai.hanzo.node.storage.DataDirLock;
import ai.hanzo.node.storage.NodeDatabase;
import ai.hanzo.node.storage.StorageOptions;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every subsystem from its config record and hands them, in start order, to the
 * {@link ServiceController}. The only class that knows them all.
 */
public final class NodeApp {
  private static final Logger log = LoggerFactory.getLogger(NodeApp.class);

  private final NodeConfig config;
  private final NodeVersion version;
  private final ServiceController controller;
  private final ApiServers api;
  private final EventBus events = new EventBus();
  private final HostMetricsSampler sampler;
  private volatile DataDirLock lock;
  private volatile NodeDatabase db;
  private volatile String nodeId = "";
  private volatile Iam iam;
  private final P2pNode p2p;
  private final ComputeWiring compute;

  public NodeApp(NodeConfig config, NodeVersion version) {
    this.config = config;
    this.version = version;
    Clock clock = Clock.systemUTC();
    this.sampler = new HostMetricsSampler(
        new OshiHostMetrics(config.dataDir(), this::activeContainers, clock), Duration.ofSeconds(1));
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new HostMeterBinder(sampler).bindTo(meters);
    HealthChecks checks = new HealthChecks();
    checks.register(new DataDirWritableCheck(config.dataDir()));
    checks.register(new StorageHealthCheck(() -> db == null ? null : db.health()));
    // The database opens in the "storage" service below; nothing calls the registry before that.
    NodeRegistry registry = new NodeRegistry(new RocksRegisteredNodeStore(() -> db == null ? null
        : db.registeredNodes()), RegistryConfig.DEFAULTS, events, clock);
    LivenessMonitor liveness = new LivenessMonitor(registry);
    this.compute = new ComputeWiring(config, events, () -> db.deployments(), () -> db.config(),
        () -> db.metrics(), meters, () -> nodeId, clock);
    GossipWiring gossip = new GossipWiring(ProtoGossipCodecs.create(),
        new NodeDescription(() -> nodeId, () -> phase().name(), compute.runtime(), sampler, config.dataDir(),
            this::apiEndpoints, () -> GpuDetector.forThisHost().detectForCapabilities()),
        new IamCommandAuthority(config.iam().enabled() ? () -> iam : null, () -> db.audit(), clock),
        new SchedulingCommandExecutor(compute.orchestrator()));
    this.p2p = new P2pNode(config.p2p(), config.dataDir(), version.agent(), events, () -> db.peers(), gossip, clock);
    checks.register(new P2pListeningCheck(p2p, clock));
    checks.register(compute.healthCheck());
    SelfNode self = new SelfNode(() -> nodeId, this::phase, clock.instant(),
        sampler, clock);
    NodeApi nodeApi = NodeApi.create(self, checks, version.version(),
        MlxSupport.usable(config.mlx(), System.getProperty("os.name"), System.getProperty("os.arch")),
        config.networkId(), registry, events, Optional.of(compute.engine()), Optional.of(p2p));
    // IAM needs the database, so it is built when storage opens; the servers read it per call.
    Supplier<Iam> iamSupplier = config.iam().enabled() ? () -> iam : null;
    if (iamSupplier != null) {
      checks.register(new IamKeySetCheck(iamSupplier));
    }
    this.api = new ApiServers(config.api(), nodeApi, this::ready, meters, iamSupplier);

    List<Service> services = new ArrayList<>();
    services.add(Service.of("data-dir", this::lockDataDir, () -> lock.close()));
    services.add(Service.of("storage", this::openStorage, this::closeStorage));
    services.add(compute.service());
    services.add(Service.of("p2p", () -> {
      p2p.start();
      IdentityContinuity.remember(db.config(), p2p.peerId().toString());
    }, p2p::stop));
    services.add(Service.of("host-metrics", sampler::start, sampler::close));
    services.add(Service.of("registry-liveness", liveness::start, liveness::close));
    services.add(Service.of("api", api::start, api::stop));
    services.add(Service.of("ports-file",
        () -> PortsFile.write(config.dataDir(), boundPorts()), () -> PortsFile.delete(config.dataDir())));
    this.controller = new ServiceController(services);
  }

  /** Creates the data directory and makes sure no other node uses it. */
  private void lockDataDir() throws java.io.IOException {
    Files.createDirectories(config.dataDir());
    lock = DataDirLock.acquire(config.dataDir());
  }

  private void openStorage() {
    db = NodeDatabase.open(StorageOptions.defaults(config.dataDir())
        .withMetricsRetention(config.storage().metricsRetention()));
    try {
      IdentityContinuity.check(config.dataDir(), db.config(), config.newIdentity());
    } catch (MissingIdentityException e) {
      db.close(); // the storage service did not start, so nothing else closes it
      throw e;
    }
    nodeId = NodeIdSource.resolve(config.nodeId(), db.config());
    sampler.addListener(new HostMetricsRecorder(db.metrics()));
    if (config.iam().enabled()) {
      iam = Iam.create(config.iam(), db.apiKeys(), db.roles(), db.audit(), Clock.systemUTC());
      if (iam.jwks() != null) {
        iam.jwks().warmUp();
      }
    }
    log.info("Node id {}", nodeId);
  }

  /** The API has stopped by now: no refusal comes after the counts are written. */
  private void closeStorage() {
    if (iam != null) {
      iam.audit().summariseRefusals();
    }
    db.close();
  }

  public void start() throws StartupException {
    log.info("Starting {} ({}) with data directory {}", version.agent(), version.commit(),
        config.dataDir().toAbsolutePath());
    controller.start();
    log.info("Node ready: gRPC on {}, HTTP on {}, libp2p on {} as {}", api.grpcPort(), api.httpPort(),
        p2p.boundPort(), p2p.peerId());
  }

  /** Graceful, bounded, idempotent: stop accepting, drain calls, stop services in reverse order. */
  public void stop() {
    if (controller.state() == ControllerState.RUNNING) {
      log.info("Shutting down");
    }
    controller.stop();
  }

  public ControllerState state() {
    return controller.state();
  }

  public Map<String, Integer> boundPorts() {
    Map<String, Integer> ports = new LinkedHashMap<>();
    ports.put("grpc", api.grpcPort());
    ports.put("http", api.httpPort());
    ports.put("p2p", p2p.boundPort());
    return ports;
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

  public EventBus events() {
    return events;
  }

  private boolean ready() {
    return controller.state() == ControllerState.RUNNING;
  }

  private int activeContainers() {
    return compute == null ? 0 : compute.orchestrator().activeContainers();
  }

  private NodePhase phase() {
    return switch (controller.state()) {
      case NEW, STARTING -> NodePhase.STARTING;
      case RUNNING -> compute.orchestrator().state().drain() == NodeScheduling.Drain.NONE ? NodePhase.READY
          : NodePhase.DRAINING;
      case STOPPING -> NodePhase.DRAINING;
      case STOPPED, FAILED -> NodePhase.STOPPED;
    };
  }
}
