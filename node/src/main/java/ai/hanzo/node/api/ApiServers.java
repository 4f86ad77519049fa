package ai.hanzo.node.api;

import ai.hanzo.node.config.ApiConfig;
import com.linecorp.armeria.common.util.EventLoopGroups;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.grpc.GrpcService;
import io.grpc.BindableService;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Consumer;

/**
 * The node's two listeners, sharing one event-loop group: gRPC (HTTP/2, gRPC-Web) on the gRPC address and the
 * HTTP/JSON mirror with probes on the HTTP address. Two servers rather than two ports of one server so that port 0
 * on both is unambiguous.
 */
public final class ApiServers {
  private final ApiConfig config;
  private final EventLoopGroup workers = EventLoopGroups.newEventLoopGroup(2);
  private final HealthStatusManager health = new HealthStatusManager();
  private final Server grpcServer;
  private final Server httpServer;

  public ApiServers(ApiConfig config, List<BindableService> grpcServices, Consumer<ServerBuilder> httpRoutes) {
    this.config = config;
    GrpcService grpc = GrpcService.builder()
        .addService(health.getHealthService())
        .addServices(grpcServices)
        .enableUnframedRequests(false)
        .build();
    // Its own meter registry: Armeria registers per-server gauges under fixed names, which would collide.
    this.grpcServer = base(config.grpcAddr().toSocketAddress())
        .meterRegistry(new io.micrometer.core.instrument.simple.SimpleMeterRegistry())
        .service(grpc)
        .build();
    ServerBuilder http = base(config.httpAddr().toSocketAddress());
    httpRoutes.accept(http);
    this.httpServer = http.build();
  }

  private ServerBuilder base(InetSocketAddress address) {
    return Server.builder()
        .http(address)
        .workerGroup(workers, false)
        .gracefulShutdownTimeout(java.time.Duration.ZERO, config.shutdownGrace());
  }

  public void start() {
    grpcServer.start().join();
    httpServer.start().join();
    health.setStatus("", ServingStatus.SERVING);
  }

  /** Stops accepting, lets in-flight calls finish within the grace period, then closes. */
  public void stop() {
    health.enterTerminalState();
    // In parallel: each Armeria server spends a fixed quiet period closing its boss group.
    java.util.concurrent.CompletableFuture.allOf(httpServer.stop(), grpcServer.stop()).join();
    workers.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
  }

  public int grpcPort() {
    return grpcServer.activeLocalPort();
  }

  public int httpPort() {
    return httpServer.activeLocalPort();
  }
}
