package ai.hanzo.node.api;

import ai.hanzo.node.api.endpoint.LogStreams;
import static ai.hanzo.node.api.ApiScenarios.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.api.LiveNodes.Wire;
import ai.hanzo.node.api.v1.ComposeSpec;
import ai.hanzo.node.api.v1.ContainerInfo;
import ai.hanzo.node.api.v1.DeployRequest;
import ai.hanzo.node.api.v1.DeploySpec;
import ai.hanzo.node.api.v1.ExecInput;
import ai.hanzo.node.api.v1.ExecOutput;
import ai.hanzo.node.api.v1.GetLogsRequest;
import ai.hanzo.node.api.v1.LogEntry;
import ai.hanzo.node.api.v1.RemoveRequest;
import ai.hanzo.node.api.v1.ScaleRequest;
import ai.hanzo.node.api.v1.ScaleResponse;
import ai.hanzo.node.api.v1.ServiceSpec;
import ai.hanzo.node.api.v1.StopRequest;
import ai.hanzo.node.compute.ReplicaName;
import com.google.protobuf.ByteString;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Deploy, ListContainers, InspectContainer, Scale, GetLogs, ExecInContainer, Stop and Remove against a real node with
 * the {@code process} runtime, each scenario once per transport with the same outcome.
 */
@ExtendWith(LiveNodes.Extension.class)
class ComputeScenariosIT {
  static final Duration WAIT = Duration.ofSeconds(60);
  static final String DEPLOYMENT_LABEL = ReplicaName.DEPLOYMENT_LABEL;

  private final LiveNodes nodes;

  ComputeScenariosIT(LiveNodes nodes) {
    this.nodes = nodes;
  }

  static DeployRequest deployment(String id, int replicas, String script) {
    return DeployRequest.newBuilder().setDeploymentId(id).setName(id).setSpec(ComposeSpec.newBuilder()
        .putServices("app", ServiceSpec.newBuilder().setImage("process").addAllCommand(List.of("sh", "-c", script))
            .setDeploy(DeploySpec.newBuilder().setReplicas(replicas)).build())).build();
  }

  /** The running containers of {@code deploymentId}. */
  static List<ContainerInfo> running(Transport api, String deploymentId) {
    List<ContainerInfo> running = api.containers(Map.of("deployment", deploymentId, "status", "running"))
        .getContainersList();
    assertThat(running).allSatisfy(c -> {
      assertThat(c.getLabelsMap()).containsEntry(DEPLOYMENT_LABEL, deploymentId);
      assertThat(c.getState()).isEqualTo("running");
    });
    return running;
  }

  static List<ContainerInfo> awaitRunning(Transport api, String deploymentId, int count) {
    return await().atMost(WAIT).until(() -> running(api, deploymentId), list -> list.size() == count);
  }

  static void removeQuietly(Transport api, String deploymentId) {
    try {
      api.remove(RemoveRequest.newBuilder().setDeploymentId(deploymentId).build());
    } catch (ApiCallException e) {
      assertThat(e.code).isEqualTo("NOT_FOUND");
    }
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void aDeploymentRunsScalesLogsStopsAndIsRemoved(Wire wire) {
    Transport api = nodes.main(wire);
    String id = wire.id("web");
    try {
      assertThat(api.deploy(deployment(id, 1, "echo started; exec sleep 600")).getDeploymentId()).isEqualTo(id);
      ContainerInfo first = awaitRunning(api, id, 1).get(0);
      ContainerInfo inspected = api.container(first.getId());
      assertThat(inspected.getImage()).isEqualTo("process");
      assertThat(inspected.getState()).isEqualTo("running");
      assertThat(inspected.getLabelsMap()).containsEntry(DEPLOYMENT_LABEL, id);
      assertThat(api.deployments().getDeploymentsList()).anySatisfy(d -> assertThat(d.getDeploymentId())
          .isEqualTo(id));

      ScaleResponse scaled = api.scale(ScaleRequest.newBuilder().setDeploymentId(id).setServiceName("app")
          .setReplicas(2).build());
      assertThat(scaled.getPreviousReplicas()).isEqualTo(1);
      assertThat(scaled.getCurrentReplicas()).isEqualTo(2);
      awaitRunning(api, id, 2);
      await().atMost(WAIT).until(() -> api.deployment(id).getReadyReplicas() == 2);

      List<LogEntry> logs = await().atMost(WAIT).until(() -> api.logs(GetLogsRequest.newBuilder()
          .setDeploymentId(id).build()), entries -> entries.size() == 2);
      assertThat(logs).allSatisfy(e -> {
        assertThat(e.getMessage()).isEqualTo("started");
        assertThat(e.getService()).isEqualTo("app");
        assertThat(e.getStream()).isEqualTo("stdout");
        assertThat(e.getTimestamp()).isPositive();
      });
      assertThat(logs).extracting(LogEntry::getContainerId).doesNotHaveDuplicates();

      assertThat(api.stop(StopRequest.newBuilder().setDeploymentId(id).build()).getSuccess()).isTrue();
      awaitRunning(api, id, 0);
      assertThat(api.remove(RemoveRequest.newBuilder().setDeploymentId(id).build()).getSuccess()).isTrue();
      assertError(() -> api.deployment(id), "NOT_FOUND", null);
      // Remove answers once the deployment is forgotten; its worker removes the containers right after.
      await().atMost(WAIT).untilAsserted(() -> assertError(() -> api.container(first.getId()), "NOT_FOUND", null));
    } finally {
      removeQuietly(api, id);
    }
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void theSameSpecAgainIsIdempotentAndAChangedOneRollsOut(Wire wire) {
    Transport api = nodes.main(wire);
    String id = wire.id("twice");
    try {
      DeployRequest request = deployment(id, 1, "exec sleep 600");
      assertThat(api.deploy(request).getMessage()).isEqualTo("deployment accepted");
      String before = awaitRunning(api, id, 1).get(0).getId();
      assertThat(api.deploy(request).getMessage()).isEqualTo("deployment already exists with this spec");
      assertThat(api.deploy(deployment(id, 1, "exec sleep 601")).getMessage()).startsWith("deployment updating");
      await().atMost(WAIT).until(() -> running(api, id), list -> list.size() == 1
          && !list.get(0).getId().equals(before));
    } finally {
      removeQuietly(api, id);
    }
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void logsKeepTheTailInOrder(Wire wire) {
    withDeployment(wire, "counted", "seq 1 50; exec sleep 600", (api, id) -> {
      await().atMost(WAIT).until(() -> api.logs(GetLogsRequest.newBuilder().setDeploymentId(id).build()).size()
          == 50);
      assertThat(api.logs(GetLogsRequest.newBuilder().setDeploymentId(id).setTail(3).build()))
          .extracting(LogEntry::getMessage).containsExactly("48", "49", "50");
      assertThat(api.logs(GetLogsRequest.newBuilder().setDeploymentId(id).setServiceName("app").build()))
          .hasSize(50);
      assertError(() -> api.logs(GetLogsRequest.newBuilder().setDeploymentId(id).setTail(LogStreams.MAX_TAIL + 1)
          .build()), "INVALID_ARGUMENT", "tail");
    });
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void execRunsACommandInARunningContainer(Wire wire) {
    withDeployment(wire, "shell", "exec sleep 600", (api, id) -> {
      String container = awaitRunning(api, id, 1).get(0).getId();
      ExecOutput out = api.exec(ExecInput.newBuilder().setContainerId(container)
          .addAllCommand(List.of("sh", "-c", "tr a-z A-Z; echo oops >&2; exit 3"))
          .setStdin(ByteString.copyFromUtf8("shout\n")).build());
      assertThat(out.getStdout().toStringUtf8()).isEqualTo("SHOUT\n");
      assertThat(out.getStderr().toStringUtf8()).isEqualTo("oops\n");
      assertThat(out.getExitCode()).isEqualTo(3);
      assertThat(out.getDone()).isTrue();
      assertError(() -> api.exec(ExecInput.newBuilder().setContainerId("no-such-container").addCommand("true")
          .build()), "NOT_FOUND", null);
      assertError(() -> api.exec(ExecInput.newBuilder().setContainerId(container).build()), "INVALID_ARGUMENT",
          "command");
    });
  }

  /** Deploys {@code script} as one replica of deployment {@code wire.id(base)}, runs {@code scenario}, removes it. */
  private void withDeployment(Wire wire, String base, String script, BiConsumer<Transport, String> scenario) {
    Transport api = nodes.main(wire);
    String id = wire.id(base);
    try {
      api.deploy(deployment(id, 1, script));
      scenario.accept(api, id);
    } finally {
      removeQuietly(api, id);
    }
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void unknownDeploymentsAndContainersAreNotFound(Wire wire) {
    Transport api = nodes.main(wire);
    String id = wire.id("never-deployed");
    assertError(() -> api.deployment(id), "NOT_FOUND", null);
    assertError(() -> api.stop(StopRequest.newBuilder().setDeploymentId(id).build()), "NOT_FOUND", null);
    assertError(() -> api.scale(ScaleRequest.newBuilder().setDeploymentId(id).setServiceName("app").setReplicas(1)
        .build()), "NOT_FOUND", null);
    assertError(() -> api.remove(RemoveRequest.newBuilder().setDeploymentId(id).build()), "NOT_FOUND", null);
    assertThat(api.containers(Map.of("deployment", id)).getContainersList()).isEmpty();
    assertError(() -> api.containers(Map.of("colour", "blue")), "INVALID_ARGUMENT", "filters.colour");
    assertError(() -> api.containers(Map.of("status", "sleeping")), "INVALID_ARGUMENT", "filters.status");
    assertError(() -> api.logs(GetLogsRequest.newBuilder().setDeploymentId(id).build()), "NOT_FOUND", null);
    assertError(() -> api.container("no-such-container"), "NOT_FOUND", null);
  }
}
