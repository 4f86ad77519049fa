package ai.hanzo.node.api;

import ai.hanzo.node.api.access.AccessDecorator;
import ai.hanzo.node.api.access.AccessGate;
import ai.hanzo.node.api.access.BrowserRequestGuard;
import ai.hanzo.node.api.access.GrpcAccessRules;
import ai.hanzo.node.api.access.HttpAccessRules;
import ai.hanzo.node.api.access.StreamLimiter;
import ai.hanzo.node.api.endpoint.AuditEndpoint;
import ai.hanzo.node.api.endpoint.HealthEndpoint;
import ai.hanzo.node.api.endpoint.KeysEndpoint;
import ai.hanzo.node.api.endpoint.NodeApi;
import ai.hanzo.node.api.endpoint.Readiness;
import ai.hanzo.node.api.grpc.FieldRulesInterceptor;
import ai.hanzo.node.api.grpc.GrpcAdminService;
import ai.hanzo.node.api.grpc.GrpcInferenceService;
import ai.hanzo.node.api.grpc.GrpcQosService;
import ai.hanzo.node.api.v1.InferenceServiceGrpc;
import ai.hanzo.node.api.v1.QosServiceGrpc;
import ai.hanzo.node.api.grpc.GrpcNodeService;
import ai.hanzo.node.api.grpc.ReflectionAlias;
import ai.hanzo.node.api.http.AuditRoutes;
import ai.hanzo.node.api.http.QosRoutes;
import ai.hanzo.node.api.http.UsageRoutes;
import ai.hanzo.node.api.http.WhoAmIRoutes;
import ai.hanzo.node.api.http.ui.DashboardRoutes;
import ai.hanzo.node.api.http.HttpJsonRoutes;
import ai.hanzo.node.api.http.InferenceRoutes;
import ai.hanzo.node.api.http.KeysRoutes;
import ai.hanzo.node.api.http.ProbeService;
import ai.hanzo.node.api.http.PrometheusRoutes;
import ai.hanzo.node.api.http.StreamRoutes;
import ai.hanzo.node.api.mapping.JsonStatusErrors;
import ai.hanzo.node.api.mapping.MalformedMessages;
import ai.hanzo.node.api.v1.NodeAdminServiceGrpc;
import ai.hanzo.node.api.v1.NodeServiceGrpc;
import ai.hanzo.node.config.ApiConfig;
import ai.hanzo.node.config.RemoteBindRule;
import ai.hanzo.node.iam.TlsCredentials;
import ai.hanzo.node.iam.Iam;
import ai.hanzo.node.metrics.HealthLevel;
import com.linecorp.armeria.common.grpc.GrpcExceptionHandlerFunction;
import com.linecorp.armeria.common.grpc.GrpcSerializationFormats;
import com.linecorp.armeria.common.metric.MeterIdPrefixFunction;
import com.linecorp.armeria.common.util.EventLoopGroups;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.grpc.GrpcService;
import com.linecorp.armeria.server.metric.MetricCollectingService;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.handler.ssl.ClientAuth;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The node's two listeners, sharing one event-loop group: gRPC (HTTP/2, gRPC-Web, all Armeria serialization
 * formats, grpc.health.v1, reflection v1 and v1alpha) on the gRPC address, and the HTTP/JSON + WebSocket mirror,
 * probes and Prometheus on the HTTP address. Two servers rather than two ports of one server so that port 0 on
 * both is unambiguous. Client deadlines ({@code grpc-timeout}) are honoured by Armeria.
 */
public final class ApiServers {
  /** Largest request or response message; larger ones fail with RESOURCE_EXHAUSTED / 413. */
  public static final int MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
  static final Duration HEALTH_PERIOD = Duration.ofSeconds(5);
  /** How long a connection with no call in progress stays open (Armeria's default); a call in progress keeps it. */
  static final Duration IDLE_TIMEOUT = Duration.ofSeconds(15);
  static final List<String> SERVICES =
      List.of(NodeServiceGrpc.SERVICE_NAME, NodeAdminServiceGrpc.SERVICE_NAME, InferenceServiceGrpc.SERVICE_NAME,
          QosServiceGrpc.SERVICE_NAME);

  private final ApiConfig config;
  private final Duration idleTimeout;
  private final TlsCredentials tls;
  private final EventLoopGroup workers;
  private final HealthStatusManager health = new HealthStatusManager();
  private final Server grpcServer;
  private final Server httpServer;
  private final HealthEndpoint healthChecks;
  private ScheduledExecutorService healthUpdater;

  /** Without IAM: every caller is served, so only loopback addresses unless the config explicitly allows more. */
  public ApiServers(ApiConfig config, NodeApi api, Readiness readiness, PrometheusMeterRegistry meters) {
    this(config, api, readiness, meters, null);
  }

  /**
   * @param iam the IAM subsystem, enforced on every call of both servers; {@code null} for none (IAM disabled)
   * @throws ai.hanzo.node.config.ConfigException when a listen address is not loopback without IAM and without
   *     {@code insecureAllowRemote}, or a TLS file is missing or malformed
   */
  public ApiServers(ApiConfig config, NodeApi api, Readiness readiness, PrometheusMeterRegistry meters,
      Iam iam) {
    this(config, api, readiness, meters, iam, IDLE_TIMEOUT);
  }

  /** With another idle timeout: tests use a short one to show that paused streams outlive it. */
  ApiServers(ApiConfig config, NodeApi api, Readiness readiness, PrometheusMeterRegistry meters, Iam iam,
      Duration idleTimeout) {
    this.config = config;
    this.idleTimeout = idleTimeout;
    RemoteBindRule.check(iam != null, config.insecureAllowRemote(), List.of(config.grpcAddr(), config.httpAddr()));
    this.tls = config.tls().enabled() ? TlsCredentials.load(config.tls()) : null;
    this.workers = EventLoopGroups.newEventLoopGroup(2);
    this.healthChecks = api.health();
    // BindableServices, not definitions: Armeria reads the @Blocking annotations from the implementation classes.
    AuditEndpoint audit = new AuditEndpoint(iam, java.time.Clock.systemUTC());
    KeysEndpoint keys = new KeysEndpoint(iam, java.time.Clock.systemUTC());
    List<BindableService> services = List.of(health.getHealthService(), new GrpcNodeService(api),
        new GrpcAdminService(api.registry(), api.compute(), api.network(), audit, api.images(), keys,
            api.operators(), api.usage(), api.pools()),
        new GrpcInferenceService(api.inference(), api.router()), new GrpcQosService(api.qos()));
    List<ServerServiceDefinition> served = services.stream().map(BindableService::bindService).toList();
    GrpcService grpc = GrpcService.builder()
        .addServices(services)
        .addService(ProtoReflectionServiceV1.newInstance())
        .addService(ReflectionAlias.v1alpha(served))
        // Binary gRPC-Web only (what grpc-web clients speak): the JSON formats build a JSON marshaller for every
        // message type at start, which costs a third of a second of start-up.
        .supportedSerializationFormats(GrpcSerializationFormats.PROTO, GrpcSerializationFormats.PROTO_WEB,
            GrpcSerializationFormats.PROTO_WEB_TEXT)
        .maxRequestMessageLength(MAX_MESSAGE_BYTES)
        .maxResponseMessageLength(MAX_MESSAGE_BYTES)
        .enableUnframedRequests(false)
        .exceptionHandler(new MalformedMessages().orElse(GrpcExceptionHandlerFunction.of()))
        .intercept(new FieldRulesInterceptor())
        .build();
    // Added before the access decorator, so it runs after it and counts streams by the authenticated caller.
    StreamLimiter streams = new StreamLimiter(config.streamLimits());
    ServerBuilder grpcBuilder = base(config.grpcAddr().toSocketAddress(), meters, "grpc").service(grpc)
        .decorator(streams.decorator(new GrpcAccessRules()));
    if (iam != null) {
      grpcBuilder.decorator(new AccessDecorator(new AccessGate(iam), new GrpcAccessRules()));
    }
    // Added last, so outermost, as on the HTTP server.
    grpcBuilder.decorator(BrowserRequestGuard.forGrpc(config.grpcAddr().host(), config.httpAllowedHosts()));
    this.grpcServer = grpcBuilder.build();
    ServerBuilder http = base(config.httpAddr().toSocketAddress(), meters, "http").maxRequestLength(MAX_MESSAGE_BYTES)
        // Name each request by its route pattern so request meters read /v1/nodes/{node_id}/heartbeat, not a class.
        .decorator((delegate, ctx, req) -> {
          ctx.logBuilder().name("http", ctx.config().route().patternString());
          return delegate.serve(ctx, req);
        })
        .decorator(streams.decorator(new HttpAccessRules()));
    if (iam != null) {
      http.decorator(new AccessDecorator(new AccessGate(iam), new HttpAccessRules()));
    }
    // Added last, so outermost: a browser request of another site is refused before anything else looks at it.
    http.decorator(BrowserRequestGuard.forHttp(config.httpAddr().host(), config.httpAllowedHosts()));
    new ProbeService(readiness).addTo(http);
    new HttpJsonRoutes(api).addTo(http);
    new AuditRoutes(audit).addTo(http);
    new UsageRoutes(api.usage()).addTo(http);
    new QosRoutes(api.qos()).addTo(http);
    new KeysRoutes(keys).addTo(http);
    new StreamRoutes(api).addTo(http);
    new InferenceRoutes(api.inference(), api.router()).addTo(http);
    new PrometheusRoutes(meters, api.compute()::deploymentIds).addTo(http);
    new WhoAmIRoutes(iam).addTo(http);
    new DashboardRoutes().addTo(http);
    this.httpServer = http.build();
    for (String service : SERVICES) {
      health.setStatus(service, ServingStatus.NOT_SERVING);
    }
  }

  /**
   * Each server registers the same Armeria meters (its blocking executor, connections): a view of the shared
   * registry that tags everything with {@code server=<name>} keeps both sets apart instead of dropping one.
   */
  private ServerBuilder base(InetSocketAddress address, PrometheusMeterRegistry meters, String name) {
    CompositeMeterRegistry tagged = new CompositeMeterRegistry();
    tagged.config().commonTags("server", name);
    tagged.add(meters);
    ServerBuilder builder = Server.builder();
    if (tls == null) {
      builder.http(address);
    } else {
      builder.https(address).tls(tls.key(), tls.chain());
      if (!tls.clientCas().isEmpty()) {
        // OPTIONAL: API-key and token callers connect without a certificate; one that is presented must verify
        // against the client CAs (expired or foreign certificates fail the handshake).
        builder.tlsCustomizer(ssl -> ssl.clientAuth(ClientAuth.OPTIONAL).trustManager(tls.clientCas()));
      }
    }
    if (Epoll.isAvailable()) {
      // Armeria sets TCP_USER_TIMEOUT to the idle timeout plus 5 s, and Linux applies it to zero-window probes
      // too: a follower that stops reading (a terminal scrolled back) would have its connection aborted by the
      // kernel after 20 s although it is alive and answers every probe. 0 is the kernel's default: a peer that
      // is gone is still dropped, once our retransmissions give up. (No HTTP/2 PING either, for the same reason:
      // a PING cannot get through a full socket, so its timeout would end healthy paused streams.)
      builder.childChannelOption(EpollChannelOption.TCP_USER_TIMEOUT, 0);
    }
    return builder
        .idleTimeout(idleTimeout)
        .workerGroup(workers, false)
        .bossGroupFactory(QuickStopBossGroup::new)
        .meterRegistry(tagged)
        .errorHandler(new JsonStatusErrors())
        .decorator(MetricCollectingService.newDecorator(MeterIdPrefixFunction.ofDefault("hanzo.api")))
        .gracefulShutdownTimeout(Duration.ZERO, config.shutdownGrace());
  }

  public void start() {
    CompletableFuture.allOf(grpcServer.start(), httpServer.start()).join();
    health.setStatus("", ServingStatus.SERVING);
    health.setStatus(NodeAdminServiceGrpc.SERVICE_NAME, ServingStatus.SERVING);
    health.setStatus(InferenceServiceGrpc.SERVICE_NAME, ServingStatus.SERVING);
    updateNodeServiceHealth();
    healthUpdater = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "grpc-health");
      t.setDaemon(true);
      return t;
    });
    healthUpdater.scheduleWithFixedDelay(this::updateNodeServiceHealth, HEALTH_PERIOD.toMillis(),
        HEALTH_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * grpc.health.v1 for NodeService follows GetHealth: NOT_SERVING while the checks say UNHEALTHY, so load
   * balancers and orchestrators probing the standard service see what GetHealth callers see.
   */
  private void updateNodeServiceHealth() {
    try {
      health.setStatus(NodeServiceGrpc.SERVICE_NAME,
          healthChecks.level() == HealthLevel.UNHEALTHY ? ServingStatus.NOT_SERVING : ServingStatus.SERVING);
    } catch (RuntimeException e) {
      health.setStatus(NodeServiceGrpc.SERVICE_NAME, ServingStatus.NOT_SERVING);
    }
  }

  /** Stops accepting, lets in-flight calls finish within the grace period, then closes. */
  public void stop() {
    if (healthUpdater != null) {
      healthUpdater.shutdownNow();
    }
    health.enterTerminalState();
    CompletableFuture.allOf(httpServer.stop(), grpcServer.stop()).join();
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }

  public int grpcPort() {
    return port(grpcServer);
  }

  public int httpPort() {
    return port(httpServer);
  }

  /**
   * The port {@code server} listens on, whatever its address: Armeria's activeLocalPort() knows only loopback and
   * wildcard ones, so a node bound to one interface's address (--grpc-addr 10.0.0.5:0) failed to start.
   */
  private static int port(com.linecorp.armeria.server.Server server) {
    com.linecorp.armeria.server.ServerPort port = server.activePort();
    if (port == null) {
      throw new IllegalStateException("the server listens on no port");
    }
    return port.localAddress().getPort();
  }
}
