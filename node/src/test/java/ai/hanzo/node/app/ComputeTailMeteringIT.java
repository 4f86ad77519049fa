package ai.hanzo.node.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.api.v1.ComposeSpec;
import ai.hanzo.node.api.v1.ComputeUsage;
import ai.hanzo.node.api.v1.DeployRequest;
import ai.hanzo.node.api.v1.DeploySpec;
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
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tail of a removed container is metered: a real node on the process runtime samples every 10 s and runs a busy
 * loop under a cpu limit of 0.5; 0.6 x the interval after a sample (seen as the metered CPU time moving) the
 * deployment is removed. The CPU time the node reports must be what the kernel says the loop used by then
 * (/proc/<pid>/stat), not about 3 CPU-seconds less, as when the interval since the last sample was dropped.
 */
class ComputeTailMeteringIT {
  private static final Duration WAIT = Duration.ofSeconds(180);
  private static final Duration INTERVAL = Duration.ofSeconds(10);
  private static final BusyLoop LOOP = new BusyLoop("while :; do :; done # tail");

  @TempDir
  Path tmp;

  @Test
  void aContainerRemovedBetweenTwoSamplesHasItsLastPartialIntervalMetered() throws Exception {
    Path dataDir = tmp.resolve("data");
    NodeProcess node = NodeProcess.start(dataDir, "--runtime", "process", "--sample-interval",
        INTERVAL.toSeconds() + "s");
    try {
      String uri = "http://127.0.0.1:" + node.awaitReady(WAIT).get("grpc");
      NodeServiceGrpc.NodeServiceBlockingStub client =
          GrpcClients.newClient(uri, NodeServiceGrpc.NodeServiceBlockingStub.class);
      NodeAdminServiceGrpc.NodeAdminServiceBlockingStub admin =
          GrpcClients.newClient(uri, NodeAdminServiceGrpc.NodeAdminServiceBlockingStub.class);
      client.withDeadlineAfter(20, TimeUnit.SECONDS).deploy(DeployRequest.newBuilder()
          .setDeploymentId("tail").setName("tail")
          .setSpec(ComposeSpec.newBuilder().putServices("cpu", ServiceSpec.newBuilder().setImage("process")
              .addAllCommand(LOOP.command())
              .setDeploy(DeploySpec.newBuilder().setReplicas(1).setResources(ResourceSpec.newBuilder()
                  .setLimits(ResourceLimits.newBuilder().setCpus("0.5")))).build()))
          .build());
      await().atMost(WAIT).until(() -> cpuSeconds(admin) > 0);
      // The metered CPU time moves only when a sample is saved: its next move is a sample, seen within 50 ms.
      double before = cpuSeconds(admin);
      await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> cpuSeconds(admin) != before);
      long sampled = System.nanoTime();
      long removeAt = sampled + INTERVAL.toNanos() * 6 / 10;
      await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> System.nanoTime() >= removeAt);
      long loop = LOOP.pid(dataDir).orElseThrow();
      double used = BusyLoop.cpuSeconds(loop);
      double meteredBefore = cpuSeconds(admin);
      client.withDeadlineAfter(30, TimeUnit.SECONDS)
          .remove(RemoveRequest.newBuilder().setDeploymentId("tail").build());
      await().atMost(WAIT).until(() -> client.withDeadlineAfter(20, TimeUnit.SECONDS)
          .listContainers(ListContainersRequest.newBuilder().setAll(true).build()).getContainersCount() == 0);
      double metered = cpuSeconds(admin);
      System.out.printf("removed %.1f s after a sample: the loop used %.2f CPU-seconds, %.2f were metered before the"
          + " removal, %.2f after it%n", (System.nanoTime() - sampled) / 1e9, used, meteredBefore, metered);
      // At 0.5 cores the tail is about 3 CPU-seconds; on a loaded machine the loop gets less, but enough to tell a
      // metered tail from a dropped one.
      assertThat(meteredBefore).as("the sample before the removal missed the tail").isLessThan(used - 0.3);
      assertThat(metered).as("the tail is metered at the removal").isBetween(used - 0.25, used + 1.0);
      // and only once: later samples add nothing for the removed container
      await().during(INTERVAL.plusSeconds(2)).atMost(WAIT).until(() -> cpuSeconds(admin) == metered);
    } finally {
      node.close();
      LOOP.kill(dataDir);
    }
  }

  private static double cpuSeconds(NodeAdminServiceGrpc.NodeAdminServiceBlockingStub admin) {
    return admin.withDeadlineAfter(20, TimeUnit.SECONDS).queryUsage(QueryUsageRequest.newBuilder()
        .setSince(Instant.now().minus(Duration.ofHours(1)).toString()).setDeploymentId("tail")
        .setGranularity("total").build()).getComputeList().stream().mapToDouble(ComputeUsage::getCpuSeconds).sum();
  }
}
