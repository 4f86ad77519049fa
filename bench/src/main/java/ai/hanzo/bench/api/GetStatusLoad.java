package ai.hanzo.bench.api;

import ai.hanzo.node.api.ApiServers;
import ai.hanzo.node.api.endpoint.NodeApi;
import ai.hanzo.node.api.endpoint.NodePhase;
import ai.hanzo.node.api.endpoint.SelfNode;
import ai.hanzo.node.api.v1.GetStatusRequest;
import ai.hanzo.node.api.v1.NodeServiceGrpc;
import ai.hanzo.node.config.ApiConfig;
import ai.hanzo.node.config.HostPort;
import ai.hanzo.node.events.EventBus;
import ai.hanzo.node.metrics.DataDirWritableCheck;
import ai.hanzo.node.metrics.HealthChecks;
import ai.hanzo.node.metrics.HostMeterBinder;
import ai.hanzo.node.metrics.HostMetricsSampler;
import ai.hanzo.node.metrics.OshiHostMetrics;
import ai.hanzo.node.registry.InMemoryRegisteredNodeStore;
import ai.hanzo.node.registry.NodeRegistry;
import ai.hanzo.node.registry.RegistryConfig;
import com.linecorp.armeria.client.BlockingWebClient;
import com.linecorp.armeria.client.WebClient;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * GetStatus over loopback at 16 concurrent callers: the node's API (Armeria gRPC) side by side with a bare
 * grpc-java server answering an equivalent message, same client, same run; the node with IAM on (an RS256 JWT
 * verified against a cached JWKS on every call) against the same node with IAM off; then HTTP GET /v1/status.
 * Run: {@code java -cp bench/target/benchmarks.jar ai.hanzo.bench.api.GetStatusLoad [seconds] [rounds]}.
 */
public final class GetStatusLoad {
  private static final int CALLERS = 16;

  private GetStatusLoad() {}

  public static void main(String[] args) throws Exception {
    Duration measure = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 10);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    Duration warmup = Duration.ofSeconds(5);
    Path dataDir = Files.createTempDirectory("hanzo-bench");
    Clock clock = Clock.systemUTC();
    HostMetricsSampler sampler = new HostMetricsSampler(new OshiHostMetrics(dataDir, () -> 0, clock),
        Duration.ofSeconds(1));
    sampler.start();
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new HostMeterBinder(sampler).bindTo(meters);
    HealthChecks checks = new HealthChecks();
    checks.register(new DataDirWritableCheck(dataDir));
    EventBus bus = new EventBus();
    NodeRegistry registry = new NodeRegistry(new InMemoryRegisteredNodeStore(), RegistryConfig.DEFAULTS, bus, clock);
    NodeApi api = NodeApi.create(new SelfNode(() -> "bench", () -> NodePhase.READY, clock.instant(), sampler, clock),
        checks, "bench", false, "1337", registry, bus, Optional.empty(), Optional.empty());
    ApiServers node = new ApiServers(new ApiConfig(new HostPort("127.0.0.1", 0), new HostPort("127.0.0.1", 0),
        Duration.ofSeconds(1)), api, () -> true, meters);
    node.start();
    IamBenchSetup iam = new IamBenchSetup(Files.createTempDirectory("hanzo-bench-iam"));
    ApiServers nodeWithIam = new ApiServers(new ApiConfig(new HostPort("127.0.0.1", 0), new HostPort("127.0.0.1", 0),
        Duration.ofSeconds(1)), api, () -> true, meters, iam.iam);
    nodeWithIam.start();
    try (iam; BareGrpcStatusServer bare = new BareGrpcStatusServer(false);
        BareGrpcStatusServer bareDirect = new BareGrpcStatusServer(true)) {
      ManagedChannel toNode = channel(node.grpcPort());
      ManagedChannel toBare = channel(bare.port());
      ManagedChannel toBareDirect = channel(bareDirect.port());
      ManagedChannel toIam = channel(nodeWithIam.grpcPort());
      Metadata bearer = new Metadata();
      bearer.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), iam.bearer);
      NodeServiceGrpc.NodeServiceBlockingStub iamStub = NodeServiceGrpc.newBlockingStub(toIam)
          .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(bearer));
      NodeServiceGrpc.NodeServiceBlockingStub nodeStub = NodeServiceGrpc.newBlockingStub(toNode);
      NodeServiceGrpc.NodeServiceBlockingStub bareStub = NodeServiceGrpc.newBlockingStub(toBare);
      NodeServiceGrpc.NodeServiceBlockingStub bareDirectStub = NodeServiceGrpc.newBlockingStub(toBareDirect);
      BlockingWebClient http = WebClient.of("http://127.0.0.1:" + node.httpPort()).blocking();
      GetStatusRequest request = GetStatusRequest.getDefaultInstance();
      System.out.printf("GetStatus, %d concurrent callers, %s warm-up + %s measured per row, %d rounds%n", CALLERS,
          warmup, measure, rounds);
      System.out.printf("%-34s %12s %10s %10s%n", "target", "QPS", "p50 (us)", "p99 (us)");
      for (int round = 1; round <= rounds; round++) {
        var bareResult = LoadDriver.run(CALLERS, warmup, measure, () -> bareStub.getStatus(request));
        print("bare grpc-java (default executor)", bareResult);
        var directResult = LoadDriver.run(CALLERS, warmup, measure, () -> bareDirectStub.getStatus(request));
        print("bare grpc-java (directExecutor)", directResult);
        var nodeResult = LoadDriver.run(CALLERS, warmup, measure, () -> nodeStub.getStatus(request));
        print("node gRPC (Armeria)", nodeResult);
        System.out.printf(Locale.ROOT, "%-34s %12.2f%n", "  ratio node / bare default", nodeResult.qps() / bareResult.qps());
        System.out.printf(Locale.ROOT, "%-34s %12.2f%n", "  ratio node / bare direct", nodeResult.qps() / directResult.qps());
        var iamResult = LoadDriver.run(CALLERS, warmup, measure, () -> iamStub.getStatus(request));
        print("node gRPC, IAM on (RS256 JWT)", iamResult);
        System.out.printf(Locale.ROOT, "%-34s %12.2f%n", "  ratio IAM on / IAM off", iamResult.qps() / nodeResult.qps());
        var httpResult = LoadDriver.run(CALLERS, warmup, measure, () -> {
          if (http.get("/v1/status").status().code() != 200) {
            throw new IllegalStateException("GET /v1/status failed");
          }
        });
        print("node HTTP GET /v1/status", httpResult);
      }
      toNode.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      toBare.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      toBareDirect.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      toIam.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    } finally {
      nodeWithIam.stop();
      node.stop();
      sampler.close();
    }
  }

  private static ManagedChannel channel(int port) {
    return NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
  }

  private static void print(String name, LatencyRecorder.Summary s) {
    System.out.printf(Locale.ROOT, "%-34s %12.0f %10.0f %10.0f%n", name, s.qps(), s.p50Micros(), s.p99Micros());
  }
}
