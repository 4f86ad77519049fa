package ai.hanzo.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.api.v1.HealthStatus;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failing check shows in GetHealth and, within one update period, in grpc.health.v1 for NodeService. */
class UnhealthyNodeIT {
  @TempDir Path parent;

  @Test
  void aDataDirectoryThatDisappearsMakesTheNodeUnhealthy() throws Exception {
    Path dataDir = Files.createDirectory(parent.resolve("data"));
    try (ApiFixture fixture = new ApiFixture(dataDir)) {
      ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", fixture.servers.grpcPort())
          .usePlaintext().build();
      try {
        HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel);
        HealthCheckRequest nodeService = HealthCheckRequest.newBuilder().setService("hanzo.node.v1.NodeService")
            .build();
        assertThat(health.check(nodeService).getStatus()).isEqualTo(ServingStatus.SERVING);

        Files.delete(dataDir);
        assertThat(new GrpcTransport(fixture.grpcUri()).health().getStatus())
            .isEqualTo(HealthStatus.HEALTH_STATUS_UNHEALTHY);
        await().atMost(Duration.ofSeconds(30))
            .until(() -> health.check(nodeService).getStatus() == ServingStatus.NOT_SERVING);
        assertThat(health.check(HealthCheckRequest.newBuilder().setService("hanzo.node.v1.NodeAdminService")
            .build()).getStatus()).isEqualTo(ServingStatus.SERVING);
      } finally {
        channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
      }
    }
  }
}
