package ai.hanzo.node.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.api.v1.ComposeSpec;
import ai.hanzo.node.api.v1.ContainerInfo;
import ai.hanzo.node.api.v1.DeployRequest;
import ai.hanzo.node.api.v1.DeploySpec;
import ai.hanzo.node.api.v1.GetLogsRequest;
import ai.hanzo.node.api.v1.GetStatusRequest;
import ai.hanzo.node.api.v1.ListContainersRequest;
import ai.hanzo.node.api.v1.LogEntry;
import ai.hanzo.node.api.v1.NodeServiceGrpc;
import ai.hanzo.node.api.v1.RemoveRequest;
import ai.hanzo.node.api.v1.ScaleRequest;
import ai.hanzo.node.api.v1.ServiceSpec;
import ai.hanzo.node.api.v1.StopRequest;
import ai.hanzo.node.runtime.TestContainers;
import ai.hanzo.node.runtime.host.HostRuntimeConfig;
import ai.hanzo.node.runtime.process.ProcessRuntime;
import ai.hanzo.node.testing.NodeProcess;
import com.linecorp.armeria.client.grpc.GrpcClients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compute engine end to end: a real node process with {@code --runtime process}, driven over gRPC. */
class ComputeNodeProcessIT {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void deployListLogsScaleStopRemoveOverGrpc(@TempDir Path tmp) throws Exception {
    Path dataDir = tmp.resolve("data");
    try (NodeProcess node = NodeProcess.start(dataDir, "--runtime", "process")) {
      int port = node.awaitReady(WAIT).get("grpc");
      var client = GrpcClients.newClient("http://127.0.0.1:" + port, NodeServiceGrpc.NodeServiceBlockingStub.class);

      var deployed = client.deploy(DeployRequest.newBuilder().setDeploymentId("hello").setName("hello")
          .setSpec(ComposeSpec.newBuilder().putServices("echo", ServiceSpec.newBuilder().setImage("process")
              .addAllCommand(List.of("sh", "-c", "echo hello; sleep 60"))
              .setDeploy(DeploySpec.newBuilder().setReplicas(2)).build()))
          .build());
      assertThat(deployed.getSuccess()).isTrue();

      await().atMost(WAIT).until(() -> running(client).size() == 2);
      await().atMost(WAIT).until(() -> client.getStatus(GetStatusRequest.getDefaultInstance()).getMetrics()
          .getActiveContainers() == 2);
      assertThat(running(client)).extracting(ContainerInfo::getName)
          .containsExactlyInAnyOrder("hello-echo-1", "hello-echo-2");

      await().atMost(WAIT).until(() -> logs(client).stream().map(LogEntry::getMessage).toList(),
          lines -> lines.stream().filter("hello"::equals).count() == 2);
      assertThat(logs(client)).allMatch(e -> e.getService().equals("echo") && e.getStream().equals("stdout"));

      var scaled = client.scale(ScaleRequest.newBuilder().setDeploymentId("hello").setServiceName("echo")
          .setReplicas(1).build());
      assertThat(scaled.getPreviousReplicas()).isEqualTo(2);
      assertThat(scaled.getCurrentReplicas()).isEqualTo(1);
      await().atMost(WAIT).until(() -> all(client).size() == 1);
      assertThat(all(client).get(0).getName()).isEqualTo("hello-echo-1");

      // Stop and Remove answer once the change is stored; the deployment's worker then stops and removes.
      assertThat(client.stop(StopRequest.newBuilder().setDeploymentId("hello").build()).getSuccess()).isTrue();
      await().atMost(WAIT).until(() -> running(client).isEmpty());
      assertThat(client.remove(RemoveRequest.newBuilder().setDeploymentId("hello").build()).getSuccess())
          .isTrue();
      await().atMost(WAIT).until(() -> all(client).isEmpty());
      assertThat(node.terminate(WAIT)).as(node.output()).isZero();
    } finally {
      try (ProcessRuntime runtime = new ProcessRuntime(HostRuntimeConfig.of(dataDir.resolve("runtime"), dataDir))) {
        TestContainers.removeAll(runtime);
      }
    }
  }

  private static List<ContainerInfo> running(NodeServiceGrpc.NodeServiceBlockingStub client) {
    return client.listContainers(ListContainersRequest.newBuilder().putFilters("deployment", "hello").build())
        .getContainersList();
  }

  private static List<ContainerInfo> all(NodeServiceGrpc.NodeServiceBlockingStub client) {
    return client.listContainers(ListContainersRequest.newBuilder().setAll(true)
        .putFilters("deployment", "hello").build()).getContainersList();
  }

  private static List<LogEntry> logs(NodeServiceGrpc.NodeServiceBlockingStub client) {
    List<LogEntry> entries = new ArrayList<>();
    client.getLogs(GetLogsRequest.newBuilder().setDeploymentId("hello").build()).forEachRemaining(entries::add);
    return entries;
  }
}
