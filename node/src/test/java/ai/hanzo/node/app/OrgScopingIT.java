package ai.hanzo.node.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.api.v1.ComposeSpec;
import ai.hanzo.node.api.v1.ContainerInfo;
import ai.hanzo.node.api.v1.DeployRequest;
import ai.hanzo.node.api.v1.DeploymentOptions;
import ai.hanzo.node.api.v1.DeploymentStatus;
import ai.hanzo.node.api.v1.GetDeploymentRequest;
import ai.hanzo.node.api.v1.GetLogsRequest;
import ai.hanzo.node.api.v1.GetStatusRequest;
import ai.hanzo.node.api.v1.InspectContainerRequest;
import ai.hanzo.node.api.v1.ListContainersRequest;
import ai.hanzo.node.api.v1.ListDeploymentsRequest;
import ai.hanzo.node.api.v1.NodeAdminServiceGrpc;
import ai.hanzo.node.api.v1.NodeServiceGrpc;
import ai.hanzo.node.api.v1.RemoveRequest;
import ai.hanzo.node.api.v1.ScaleRequest;
import ai.hanzo.node.api.v1.ServiceSpec;
import ai.hanzo.node.api.v1.StopRequest;
import ai.hanzo.node.config.RuntimeConfig;
import ai.hanzo.node.config.TlsConfig;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.client.grpc.GrpcClients;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.RequestHeaders;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Org isolation on a real node running real (process) containers: a caller of one org sees and acts only on its
 * org's deployments, their containers and logs; another org's ids answer NOT_FOUND like missing ones; admins without
 * an org see everything.
 */
class OrgScopingIT {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir static Path dataDir;
  static NodeApp node;
  static String acmeKey;
  static String globexKey;
  static String adminKey;

  @BeforeAll
  static void start() throws Exception {
    acmeKey = IamNodeFixture.createKey(dataDir, "operator", "acme", null);
    globexKey = IamNodeFixture.createKey(dataDir, "operator", "globex", null);
    adminKey = IamNodeFixture.createKey(dataDir, "admin", null);
    node = IamNodeFixture.start(dataDir, IamNodeFixture.iamConfig(6000), TlsConfig.NONE,
        new RuntimeConfig("process", ""));
    deploy(acmeKey, "acme-app");
    deploy(globexKey, "globex-app");
    await().atMost(WAIT).until(() -> grpc(adminKey).listContainers(ListContainersRequest.getDefaultInstance())
        .getContainersCount() == 2);
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      try {
        grpc(acmeKey).remove(RemoveRequest.newBuilder().setDeploymentId("acme-app").build());
        grpc(globexKey).remove(RemoveRequest.newBuilder().setDeploymentId("globex-app").build());
      } finally {
        node.stop();
      }
    }
  }

  @Test
  void eachOrgListsOnlyItsOwnDeploymentsAndContainers() {
    assertThat(admin(acmeKey).listDeployments(ListDeploymentsRequest.getDefaultInstance()).getDeploymentsList())
        .extracting(DeploymentStatus::getDeploymentId).containsExactly("acme-app");
    assertThat(admin(globexKey).listDeployments(ListDeploymentsRequest.getDefaultInstance()).getDeploymentsList())
        .extracting(DeploymentStatus::getDeploymentId).containsExactly("globex-app");
    assertThat(grpc(acmeKey).getStatus(GetStatusRequest.getDefaultInstance()).getDeploymentsList())
        .extracting(DeploymentStatus::getDeploymentId).containsExactly("acme-app");
    assertThat(grpc(acmeKey).listContainers(ListContainersRequest.getDefaultInstance()).getContainersList())
        .extracting(ContainerInfo::getName).containsExactly("acme-app-main-1");
  }

  @Test
  void anotherOrgsDeploymentIsNotFoundForEveryCall() {
    NodeServiceGrpc.NodeServiceBlockingStub acme = grpc(acmeKey);
    String globexContainer = grpc(globexKey).listContainers(ListContainersRequest.getDefaultInstance())
        .getContainers(0).getId();
    List<ThrowingCallable> calls = List.of(
        () -> admin(acmeKey).getDeployment(GetDeploymentRequest.newBuilder().setDeploymentId("globex-app").build()),
        () -> acme.stop(StopRequest.newBuilder().setDeploymentId("globex-app").build()),
        () -> acme.scale(ScaleRequest.newBuilder().setDeploymentId("globex-app").setServiceName("main")
            .setReplicas(3).build()),
        () -> acme.remove(RemoveRequest.newBuilder().setDeploymentId("globex-app").build()),
        () -> acme.getLogs(GetLogsRequest.newBuilder().setDeploymentId("globex-app").build()).hasNext(),
        () -> acme.inspectContainer(InspectContainerRequest.newBuilder().setContainerId(globexContainer).build()));
    for (ThrowingCallable call : calls) {
      assertThatThrownBy(call).isInstanceOfSatisfying(StatusRuntimeException.class,
          e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }
    var http = WebClient.of("http://127.0.0.1:" + node.boundPorts().get("http")).blocking().execute(HttpRequest.of(
        RequestHeaders.builder(HttpMethod.GET, "/v1/deployments/globex-app").add("x-api-key", acmeKey).build()));
    assertThat(http.status().code()).isEqualTo(404);
    var exec = WebClient.of("http://127.0.0.1:" + node.boundPorts().get("http")).blocking().execute(HttpRequest.of(
        RequestHeaders.builder(HttpMethod.POST, "/v1/containers/" + globexContainer + "/exec")
            .add("x-api-key", acmeKey).contentType(com.linecorp.armeria.common.MediaType.JSON_UTF_8).build(),
        com.linecorp.armeria.common.HttpData.ofUtf8("{\"command\": [\"true\"]}")));
    assertThat(exec.status().code()).as(exec.contentUtf8()).isEqualTo(404);
    // Still there and untouched for its own org.
    assertThat(admin(globexKey).getDeployment(GetDeploymentRequest.newBuilder().setDeploymentId("globex-app")
        .build()).getReplicas()).isEqualTo(1);
  }

  @Test
  void adminWithoutOrgSeesEveryOrg() {
    assertThat(admin(adminKey).listDeployments(ListDeploymentsRequest.getDefaultInstance()).getDeploymentsList())
        .extracting(DeploymentStatus::getDeploymentId).containsExactlyInAnyOrder("acme-app", "globex-app");
    assertThat(grpc(adminKey).listContainers(ListContainersRequest.getDefaultInstance()).getContainersCount())
        .isEqualTo(2);
    assertThat(admin(adminKey).getDeployment(GetDeploymentRequest.newBuilder().setDeploymentId("acme-app").build())
        .getName()).isEqualTo("acme-app");
  }

  @Test
  void theOrgLabelIsTheNodesToSet() {
    assertThatThrownBy(() -> grpc(acmeKey).deploy(request("sneaky").setOptions(DeploymentOptions.newBuilder()
        .putLabels("ai.hanzo.org", "globex")).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(e.getStatus().getDescription()).contains("ai.hanzo.org").contains("reserved");
        });
  }

  private static void deploy(String key, String id) {
    assertThat(grpc(key).deploy(request(id).build()).getSuccess()).isTrue();
  }

  private static DeployRequest.Builder request(String id) {
    return DeployRequest.newBuilder().setDeploymentId(id).setName(id).setSpec(ComposeSpec.newBuilder()
        .putServices("main", ServiceSpec.newBuilder().setImage("process").addCommand("sleep").addCommand("300")
            .build()));
  }

  private static NodeServiceGrpc.NodeServiceBlockingStub grpc(String key) {
    return GrpcClients.builder("http://127.0.0.1:" + node.boundPorts().get("grpc")).addHeader("x-api-key", key)
        .build(NodeServiceGrpc.NodeServiceBlockingStub.class);
  }

  private static NodeAdminServiceGrpc.NodeAdminServiceBlockingStub admin(String key) {
    return GrpcClients.builder("http://127.0.0.1:" + node.boundPorts().get("grpc")).addHeader("x-api-key", key)
        .build(NodeAdminServiceGrpc.NodeAdminServiceBlockingStub.class);
  }
}
