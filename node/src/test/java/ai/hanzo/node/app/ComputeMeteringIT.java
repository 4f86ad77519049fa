package ai.hanzo.node.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.api.v1.ComposeSpec;
import ai.hanzo.node.api.v1.ComputeUsage;
import ai.hanzo.node.api.v1.ContainerInfo;
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
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compute metering across a crash: a real node on the process runtime runs a busy loop under a cpu limit of 0.5 and
 * is SIGKILLed a few seconds in; while it is down the loop keeps burning CPU, then the node restarts on the same data
 * directory. Once the loop has used about 10 CPU-seconds it is frozen (SIGSTOP), and the usage the node reports must
 * converge to the CPU time the kernel says the loop used (/proc/<pid>/stat, read independently of the node's
 * cgroup counters): a node that lost the seconds used while it was down reports 2.5 fewer, one that counted some
 * twice reports more. The loop's rate also shows the limit held.
 */
class ComputeMeteringIT {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final BusyLoop LOOP = new BusyLoop("while :; do :; done");

  @TempDir
  Path tmp;

  @Test
  void aBusyLoopIsMeteredAsTheCpuTimeItUsedAcrossAKill9OfTheNode() throws Exception {
    Path dataDir = tmp.resolve("data");
    String[] flags = {"--runtime", "process", "--sample-interval", "1s"};
    NodeProcess node = NodeProcess.start(dataDir, flags);
    try {
      Clients clients = clients(node);
      long deployed = System.nanoTime();
      clients.node.withDeadlineAfter(20, TimeUnit.SECONDS).deploy(DeployRequest.newBuilder()
          .setDeploymentId("burner").setName("burner")
          .setSpec(ComposeSpec.newBuilder().putServices("cpu", ServiceSpec.newBuilder().setImage("process")
              .addAllCommand(LOOP.command())
              .setDeploy(DeploySpec.newBuilder().setReplicas(1).setResources(ResourceSpec.newBuilder()
                  .setLimits(ResourceLimits.newBuilder().setCpus("0.5")))).build()))
          .build());
      await().atMost(WAIT).until(() -> cpuSeconds(clients) >= 2.5);

      node.kill();
      long loop = await().atMost(WAIT).until(() -> LOOP.pid(dataDir), OptionalLong::isPresent).getAsLong();
      double atKill = BusyLoop.cpuSeconds(loop);
      // the node stays down while the loop burns another 2.5 CPU-seconds (a quarter of the whole)
      await().atMost(WAIT).until(() -> BusyLoop.cpuSeconds(loop) >= atKill + 2.5);
      node = NodeProcess.start(dataDir, flags);
      Clients restarted = clients(node);
      await().atMost(WAIT).until(() -> BusyLoop.cpuSeconds(loop) >= 10);
      signal("STOP", loop);
      double wallSeconds = (System.nanoTime() - deployed) / 1e9;
      double used = BusyLoop.cpuSeconds(loop);
      System.out.printf("the loop used %.2f CPU-seconds in %.1f s (%.2f by the kill, %.2f after it)%n", used,
          wallSeconds, atKill, used - atKill);

      NodeProcess current = node;
      try {
        await().atMost(WAIT).until(() -> Math.abs(cpuSeconds(restarted) - used) <= 0.02 * used + 0.05);
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        throw new AssertionError("metered " + cpuSeconds(restarted) + " CPU-seconds, the kernel says " + used
            + "; the node's log:\n" + current.output(), e);
      }
      ComputeUsage total = usage(restarted).get(0);
      System.out.printf("metered %.2f CPU-seconds, %.4f GiB-seconds over %d intervals%n", total.getCpuSeconds(),
          total.getMemoryGibSeconds(), total.getIntervals());
      assertThat(total.getMemoryGibSeconds()).as("memory over time").isPositive();
      assertThat(used / wallSeconds).as("cores the loop used under a limit of 0.5").isLessThan(0.6);

      restarted.node.withDeadlineAfter(30, TimeUnit.SECONDS)
          .remove(RemoveRequest.newBuilder().setDeploymentId("burner").build());
      await().atMost(WAIT).until(() -> containers(restarted).isEmpty());
      assertThat(cpuSeconds(restarted)).as("the removed container's usage stays")
          .isCloseTo(used, org.assertj.core.api.Assertions.within(0.02 * used + 0.05));

      // the node's signed statement of it checks offline, over gRPC and over HTTP alike
      String statement = restarted.admin.withDeadlineAfter(20, TimeUnit.SECONDS).exportUsage(QueryUsageRequest
          .newBuilder().setSince(Instant.now().minus(Duration.ofHours(2)).toString()).setDeploymentId("burner")
          .build()).getJson();
      assertThat(UsageStatementCheck.verify(statement)).startsWith("valid: signed by 12D3KooW");
      assertThat(statement).contains("\"deployment_id\":\"burner\"");
      HttpResponse<String> overHttp = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
          "http://127.0.0.1:" + node.ports().get("http") + "/v1/usage/export?deployment=burner")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(overHttp.statusCode()).isEqualTo(200);
      assertThat(UsageStatementCheck.verify(overHttp.body())).startsWith("valid:");
    } finally {
      node.close();
      LOOP.kill(dataDir);
    }
  }

  private static void signal(String signal, long pid) throws IOException, InterruptedException {
    assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor())
        .as("kill -%s %d", signal, pid).isZero();
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
        .setSince(Instant.now().minus(Duration.ofHours(1)).toString()).setDeploymentId("burner")
        .setGranularity("total").build()).getComputeList();
  }

  private static double cpuSeconds(Clients clients) {
    return usage(clients).stream().mapToDouble(ComputeUsage::getCpuSeconds).sum();
  }

  private static List<ContainerInfo> containers(Clients clients) {
    return clients.node.withDeadlineAfter(20, TimeUnit.SECONDS)
        .listContainers(ListContainersRequest.newBuilder().setAll(true).build()).getContainersList();
  }
}
