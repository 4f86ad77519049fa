package ai.hanzo.node.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.api.v1.ComposeSpec;
import ai.hanzo.node.api.v1.DeployRequest;
import ai.hanzo.node.api.v1.DeploySpec;
import ai.hanzo.node.api.v1.ListContainersRequest;
import ai.hanzo.node.api.v1.NodeServiceGrpc;
import ai.hanzo.node.api.v1.ResourceLimits;
import ai.hanzo.node.api.v1.ResourceSpec;
import ai.hanzo.node.api.v1.ScaleRequest;
import ai.hanzo.node.api.v1.ServiceSpec;
import ai.hanzo.node.api.v1.StopRequest;
import ai.hanzo.node.runtime.TestContainers;
import ai.hanzo.node.runtime.host.HostRuntimeConfig;
import ai.hanzo.node.runtime.process.ProcessRuntime;
import ai.hanzo.node.testing.NodeProcess;
import com.linecorp.armeria.client.grpc.GrpcClients;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node-wide process budget on a real node process ({@code --max-processes 300 --default-pids-limit 100}, the
 * process runtime): each running replica counts its pids limit, a Deploy or Scale beyond the budget is
 * RESOURCE_EXHAUSTED over gRPC and 507 with the JSON error body over HTTP naming what was asked, what is used and the
 * budget, nothing of a refused deployment starts, and a stopped deployment frees its share.
 */
class ProcessBudgetNodeIT {
  private static final Duration WAIT = Duration.ofSeconds(60);

  private static DeployRequest deploy(String id, int replicas, long pids) {
    ServiceSpec.Builder service = ServiceSpec.newBuilder().setImage("process")
        .addAllCommand(List.of("sh", "-c", "exec sleep 300")).setRestart("always")
        .setDeploy(DeploySpec.newBuilder().setReplicas(replicas)
            .setResources(ResourceSpec.newBuilder().setLimits(ResourceLimits.newBuilder().setPids(pids))));
    return DeployRequest.newBuilder().setDeploymentId(id).setName(id)
        .setSpec(ComposeSpec.newBuilder().putServices("app", service.build())).build();
  }

  @Test
  void deploysAndScalesBeyondTheBudgetAreRefusedOverGrpcAndHttp(@TempDir Path tmp) throws Exception {
    Path dataDir = tmp.resolve("data");
    try (NodeProcess node = NodeProcess.start(dataDir, "--runtime", "process", "--max-processes", "300",
        "--default-pids-limit", "100")) {
      var ports = node.awaitReady(WAIT);
      var grpc = GrpcClients.newClient("http://127.0.0.1:" + ports.get("grpc"),
          NodeServiceGrpc.NodeServiceBlockingStub.class);
      String http = "http://127.0.0.1:" + ports.get("http");

      assertThat(grpc.deploy(deploy("a", 2, 0)).getSuccess()).as("2 x the default 100").isTrue();
      StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class,
          () -> grpc.deploy(deploy("b", 2, 0)));
      assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
      assertThat(refused.getStatus().getDescription()).contains("'b' needs 200 processes")
          .contains("process budget is 300").contains("200 of them are used").contains("--max-processes");

      assertThat(grpc.deploy(deploy("c", 1, 100)).getSuccess()).as("its own limit: exactly the budget").isTrue();
      StatusRuntimeException scale = catchThrowableOfType(StatusRuntimeException.class, () -> grpc.scale(
          ScaleRequest.newBuilder().setDeploymentId("a").setServiceName("app").setReplicas(3).build()));
      assertThat(scale.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
      assertThat(scale.getStatus().getDescription()).contains("'a' needs 300 processes")
          .contains("100 of them are used");

      HttpResponse<String> overHttp = post(http + "/v1/deployments", "{\"deployment_id\": \"h\", \"spec\": "
          + "{\"services\": {\"app\": {\"image\": \"process\", \"command\": [\"sleep\", \"300\"], \"deploy\": "
          + "{\"replicas\": 1}}}}}");
      assertThat(overHttp.statusCode()).as(overHttp.body()).isEqualTo(507);
      assertThat(overHttp.body()).contains("\"code\": \"RESOURCE_EXHAUSTED\"").contains("'h' needs 100 processes")
          .contains("process budget is 300").contains("300 of them are used")
          .contains("\"deployment_id\": \"h\"");
      HttpResponse<String> scaleOverHttp = post(http + "/v1/deployments/c/scale",
          "{\"service_name\": \"app\", \"replicas\": 2}");
      assertThat(scaleOverHttp.statusCode()).as(scaleOverHttp.body()).isEqualTo(507);
      assertThat(scaleOverHttp.body()).contains("'c' needs 200 processes");

      await().atMost(WAIT).until(() -> grpc.listContainers(ListContainersRequest.getDefaultInstance())
          .getContainersCount() == 3);
      assertThat(grpc.listContainers(ListContainersRequest.newBuilder().setAll(true).build()).getContainersList())
          .extracting(c -> c.getName().substring(0, 2)).as("nothing of a refused deployment was created")
          .containsOnly("a-", "c-");

      grpc.stop(StopRequest.newBuilder().setDeploymentId("a").build());
      assertThat(grpc.deploy(deploy("b", 2, 0)).getSuccess()).as("a stopped deployment frees its share").isTrue();
      assertThat(node.terminate(WAIT)).as(node.output()).isZero();
    } finally {
      try (ProcessRuntime runtime = new ProcessRuntime(HostRuntimeConfig.of(dataDir.resolve("runtime"), dataDir))) {
        TestContainers.removeAll(runtime);
      }
    }
  }

  private static HttpResponse<String> post(String uri, String json) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(uri))
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
