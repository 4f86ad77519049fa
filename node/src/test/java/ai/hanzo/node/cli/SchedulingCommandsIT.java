package ai.hanzo.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.api.v1.ComposeSpec;
import ai.hanzo.node.api.v1.DeployRequest;
import ai.hanzo.node.api.v1.DeploySpec;
import ai.hanzo.node.api.v1.GetStatusRequest;
import ai.hanzo.node.api.v1.ListContainersRequest;
import ai.hanzo.node.api.v1.NodeServiceGrpc;
import ai.hanzo.node.api.v1.NodeState;
import ai.hanzo.node.api.v1.ServiceSpec;
import ai.hanzo.node.runtime.TestContainers;
import ai.hanzo.node.runtime.host.HostRuntimeConfig;
import ai.hanzo.node.runtime.process.ProcessRuntime;
import ai.hanzo.node.testing.NodeProcess;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.client.grpc.GrpcClients;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cordon, drain and uncordon from the CLI against a real node process running real process containers. */
class SchedulingCommandsIT {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void drainStopsTheWorkloadAndUncordonBringsItBack(@TempDir Path tmp) throws Exception {
    Path dataDir = tmp.resolve("data");
    try (NodeProcess node = NodeProcess.start(dataDir, "--runtime", "process")) {
      Map<String, Integer> ports = node.awaitReady(WAIT);
      String endpoint = "127.0.0.1:" + ports.get("grpc");
      var client = GrpcClients.newClient("http://" + endpoint, NodeServiceGrpc.NodeServiceBlockingStub.class);
      client.deploy(deploy("web"));
      await().atMost(WAIT).until(() -> running(client) == 2);

      assertThat(cli("drain", "--deadline", "10s", "--endpoint", endpoint)).contains("stopping 1 deployments");
      await().atMost(WAIT).until(() -> running(client) == 0);
      assertThat(client.getStatus(GetStatusRequest.getDefaultInstance()).getState())
          .isEqualTo(NodeState.NODE_STATE_DRAINING);
      StatusRuntimeException refused = org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class,
          () -> client.deploy(deploy("late")));
      assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
      assertThat(WebClient.of("http://127.0.0.1:" + ports.get("http")).get("/v1/node/scheduling").aggregate()
          .join().contentUtf8()).contains("\"cordoned\": true").contains("DRAIN_PHASE_DRAINED");

      assertThat(cli("uncordon", "--endpoint", endpoint)).contains("1 drained deployments start again");
      await().atMost(WAIT).until(() -> running(client) == 2);
      assertThat(client.getStatus(GetStatusRequest.getDefaultInstance()).getState())
          .isEqualTo(NodeState.NODE_STATE_READY);
      assertThat(cli("cordon", "--endpoint", endpoint)).contains("cordoned");
      assertThat(node.terminate(WAIT)).as(node.output()).isZero();
    } finally {
      try (ProcessRuntime runtime = new ProcessRuntime(HostRuntimeConfig.of(dataDir.resolve("runtime"), dataDir))) {
        TestContainers.removeAll(runtime);
      }
    }
  }

  @Test
  void aBadDeadlineIsAUsageError() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Main.execute(new String[] {"drain", "--deadline", "0s"}, Map.of(), terminal(new ByteArrayOutputStream(),
        err));
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("'0s' must be more than 0");
  }

  private static DeployRequest deploy(String id) {
    return DeployRequest.newBuilder().setDeploymentId(id).setName(id)
        .setSpec(ComposeSpec.newBuilder().putServices("app", ServiceSpec.newBuilder().setImage("process")
            .addAllCommand(List.of("sh", "-c", "exec sleep 300")).setRestart("always")
            .setDeploy(DeploySpec.newBuilder().setReplicas(2)).build()))
        .build();
  }

  private static long running(NodeServiceGrpc.NodeServiceBlockingStub client) {
    // Without "all", only running containers are listed.
    return client.listContainers(ListContainersRequest.getDefaultInstance()).getContainersCount();
  }

  private static String cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Main.execute(args, Map.of(), terminal(out, err));
    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }

  private static Terminal terminal(ByteArrayOutputStream out, ByteArrayOutputStream err) {
    return new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]), false);
  }
}
