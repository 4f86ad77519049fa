package ai.hanzo.node.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.api.v1.ComposeSpec;
import ai.hanzo.node.api.v1.ComputeUsage;
import ai.hanzo.node.api.v1.DeployRequest;
import ai.hanzo.node.api.v1.DeploySpec;
import ai.hanzo.node.api.v1.DeviceRequest;
import ai.hanzo.node.api.v1.ListContainersRequest;
import ai.hanzo.node.api.v1.NodeAdminServiceGrpc;
import ai.hanzo.node.api.v1.NodeServiceGrpc;
import ai.hanzo.node.api.v1.QueryUsageRequest;
import ai.hanzo.node.api.v1.RemoveRequest;
import ai.hanzo.node.api.v1.ResourceLimits;
import ai.hanzo.node.api.v1.ResourceSpec;
import ai.hanzo.node.api.v1.ServiceSpec;
import ai.hanzo.node.testing.NodeProcess;
import com.linecorp.armeria.client.grpc.GrpcClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GPU-seconds across a crash: a real node on the process runtime, whose fake {@code nvidia-smi} (first on its PATH)
 * lists two GPUs, runs a replica given both. The node is SIGKILLed while it runs and restarted on the same data
 * directory a few seconds later; once the replica is removed, the GPU-seconds the node reports must be two times the
 * replica's life (from the start it wrote itself to the removal): a node that lost the time it was down reports
 * about 6 GPU-seconds fewer, one that counted some twice reports more. The query over HTTP, the Prometheus counter
 * and the signed statement carry the same number.
 */
class GpuMeteringIT {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final int GPUS = 2;
  private static final double SAMPLE_SECONDS = 1;

  @TempDir
  Path tmp;

  @Test
  void aReplicaWithTwoGpusIsMeteredAsTwiceItsLifeAcrossAKill9OfTheNode() throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path smi = bin.resolve("nvidia-smi");
    Files.writeString(smi, """
        #!/bin/sh
        echo "0, GPU-11111111-2222-3333-4444-555555555555, NVIDIA A100-SXM4-80GB, 81920 MiB"
        echo "1, GPU-66666666-7777-8888-9999-000000000000, NVIDIA A100-SXM4-80GB, 81920 MiB"
        """);
    Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
    Map<String, String> env = Map.of("PATH", bin + ":" + System.getenv("PATH"));
    Path started = tmp.resolve("started");
    Path dataDir = tmp.resolve("data");
    String[] flags = {"--runtime", "process", "--sample-interval", "1s"};
    NodeProcess node = NodeProcess.start(dataDir, env, flags);
    try {
      Clients clients = clients(node);
      clients.node.withDeadlineAfter(20, TimeUnit.SECONDS).deploy(DeployRequest.newBuilder()
          .setDeploymentId("trainer").setName("trainer")
          .setSpec(ComposeSpec.newBuilder().putServices("worker", ServiceSpec.newBuilder().setImage("process")
              .addAllCommand(List.of("sh", "-c", "date +%s%N > " + started + "; while sleep 1; do :; done"))
              .setDeploy(DeploySpec.newBuilder().setReplicas(1).setResources(ResourceSpec.newBuilder()
                  .setReservations(ResourceLimits.newBuilder().addDevices(DeviceRequest.newBuilder()
                      .setDriver("nvidia").setCount(GPUS).addCapabilities("gpu"))))).build()))
          .build());
      await().atMost(WAIT).until(() -> gpuSeconds(clients) >= 4);

      node.kill();
      long killed = System.nanoTime();
      // the replica runs on while the node is down for 3 s: 6 GPU-seconds nobody samples
      await().atMost(WAIT).until(() -> System.nanoTime() - killed >= 3_000_000_000L);
      node = NodeProcess.start(dataDir, env, flags);
      Clients restarted = clients(node);
      await().atMost(WAIT).until(() -> gpuSeconds(restarted) >= 16);

      Instant removing = Instant.now();
      restarted.node.withDeadlineAfter(30, TimeUnit.SECONDS)
          .remove(RemoveRequest.newBuilder().setDeploymentId("trainer").build());
      await().atMost(WAIT).until(() -> restarted.node.withDeadlineAfter(20, TimeUnit.SECONDS)
          .listContainers(ListContainersRequest.newBuilder().setAll(true).build()).getContainersCount() == 0);
      Instant gone = Instant.now();
      long startNanos = Long.parseLong(Files.readString(started).strip());
      Instant start = Instant.ofEpochSecond(0, startNanos);
      double least = GPUS * (Duration.between(start, removing).toNanos() / 1e9 - SAMPLE_SECONDS) - 0.5;
      double most = GPUS * Duration.between(start, gone).toNanos() / 1e9 + 0.5;
      ComputeUsage total = usage(restarted).get(0);
      System.out.printf("metered %.2f GPU-seconds over %d intervals; the replica lived %.2f to %.2f s%n",
          total.getGpuSeconds(), total.getIntervals(), least / GPUS, most / GPUS);
      assertThat(total.getGpuSeconds()).as("GPU-seconds of a replica with %d GPUs", GPUS).isBetween(least, most);

      String http = "http://127.0.0.1:" + node.ports().get("http");
      assertThat(get(http + "/v1/usage?deployment=trainer&granularity=total")).contains("\"gpuSeconds\"");
      assertThat(get(http + "/metrics")).contains("hanzo_usage_gpu_seconds_total{deployment=\"trainer\"");
      String statement = restarted.admin.withDeadlineAfter(20, TimeUnit.SECONDS).exportUsage(QueryUsageRequest
          .newBuilder().setSince(Instant.now().minus(Duration.ofHours(2)).toString()).setDeploymentId("trainer")
          .build()).getJson();
      assertThat(UsageStatementCheck.verify(statement)).startsWith("valid:");
      assertThat(statement).contains("\"gpu_seconds\":\"");
    } finally {
      node.close();
    }
  }

  private static String get(String uri) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(uri)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s: %s", uri, response.body()).isEqualTo(200);
    return response.body();
  }

  private record Clients(NodeServiceGrpc.NodeServiceBlockingStub node,
      NodeAdminServiceGrpc.NodeAdminServiceBlockingStub admin) {
  }

  private static Clients clients(NodeProcess node) {
    String uri = "http://127.0.0.1:" + node.awaitReady(WAIT).get("grpc");
    return new Clients(GrpcClients.newClient(uri, NodeServiceGrpc.NodeServiceBlockingStub.class),
        GrpcClients.newClient(uri, NodeAdminServiceGrpc.NodeAdminServiceBlockingStub.class));
  }

  private static List<ComputeUsage> usage(Clients clients) {
    return clients.admin.withDeadlineAfter(20, TimeUnit.SECONDS).queryUsage(QueryUsageRequest.newBuilder()
        .setSince(Instant.now().minus(Duration.ofHours(1)).toString()).setDeploymentId("trainer")
        .setGranularity("total").build()).getComputeList();
  }

  private static double gpuSeconds(Clients clients) {
    return usage(clients).stream().mapToDouble(ComputeUsage::getGpuSeconds).sum();
  }
}
