package ai.hanzo.node.api;

import ai.hanzo.node.storage.NodeDatabase;
import ai.hanzo.node.usage.UsageRecorder;
import ai.hanzo.node.usage.UsageSearch;
import ai.hanzo.node.api.endpoint.NodeApi;
import ai.hanzo.node.api.endpoint.NodePhase;
import ai.hanzo.node.api.endpoint.SelfNode;
import ai.hanzo.node.compute.ComputeEngine;
import ai.hanzo.node.config.ApiConfig;
import ai.hanzo.node.config.HostPort;
import ai.hanzo.node.events.EventBus;
import ai.hanzo.node.inference.serving.ModelServer;
import ai.hanzo.node.metrics.DataDirWritableCheck;
import ai.hanzo.node.metrics.HealthChecks;
import ai.hanzo.node.metrics.HostMeterBinder;
import ai.hanzo.node.metrics.HostMetricsSampler;
import ai.hanzo.node.metrics.OshiHostMetrics;
import ai.hanzo.node.registry.InMemoryRegisteredNodeStore;
import ai.hanzo.node.registry.NodeRegistry;
import ai.hanzo.node.registry.RegistryConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** The real API servers over real subsystems (no compute engine unless given), on loopback port 0. */
final class ApiFixture implements AutoCloseable {
  static final String SELF_ID = "self-node";

  final EventBus bus = new EventBus();
  final HostMetricsSampler sampler;
  final NodeRegistry registry;
  final NodeApi api;
  final ApiServers servers;
  private final Optional<UsageRecorder> usage;

  ApiFixture(Path dataDir) {
    this(dataDir, Optional.empty());
  }

  ApiFixture(Path dataDir, Optional<ComputeEngine> compute) {
    this(dataDir, compute, ApiServers.IDLE_TIMEOUT);
  }

  /** With the servers' connection idle timeout shortened (or lengthened) to {@code idleTimeout}. */
  ApiFixture(Path dataDir, Optional<ComputeEngine> compute, Duration idleTimeout) {
    this(dataDir, compute, idleTimeout, Optional.empty());
  }

  /** With a model server behind the inference routes. */
  ApiFixture(Path dataDir, Optional<ComputeEngine> compute, Duration idleTimeout, Optional<ModelServer> models) {
    this(dataDir, compute, idleTimeout, models, Optional.empty());
  }

  /** With a model server and usage recorded in {@code usageDb}'s usage log (queried with QueryUsage). */
  ApiFixture(Path dataDir, Optional<ComputeEngine> compute, Duration idleTimeout, Optional<ModelServer> models,
      Optional<NodeDatabase> usageDb) {
    Clock clock = Clock.systemUTC();
    sampler = new HostMetricsSampler(new OshiHostMetrics(dataDir, () -> 0, clock), Duration.ofSeconds(1));
    sampler.start();
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new HostMeterBinder(sampler).bindTo(meters);
    HealthChecks checks = new HealthChecks();
    checks.register(new DataDirWritableCheck(dataDir));
    registry = new NodeRegistry(new InMemoryRegisteredNodeStore(), RegistryConfig.DEFAULTS, bus, clock);
    SelfNode self = new SelfNode(() -> SELF_ID, () -> NodePhase.READY, clock.instant(), sampler, clock);
    usage = usageDb.map(db -> new UsageRecorder(db.usage(), meters));
    usage.ifPresent(UsageRecorder::start);
    api = NodeApi.create(self, checks, "9.9.9-test", false, "43113", registry, bus, compute, Optional.empty(),
        Optional.empty(), Optional.empty(), models, usage,
        usageDb.map(db -> new UsageSearch(db.usage(), db.computeUsage(), usage.orElseThrow())));
    servers = new ApiServers(new ApiConfig(new HostPort("127.0.0.1", 0), new HostPort("127.0.0.1", 0),
        Duration.ofSeconds(1)), api, () -> true, meters, null, idleTimeout);
    servers.start();
  }

  String grpcUri() {
    return "http://127.0.0.1:" + servers.grpcPort();
  }

  String httpUri() {
    return "http://127.0.0.1:" + servers.httpPort();
  }

  @Override
  public void close() {
    servers.stop();
    sampler.close();
    usage.ifPresent(UsageRecorder::close);
  }
}
