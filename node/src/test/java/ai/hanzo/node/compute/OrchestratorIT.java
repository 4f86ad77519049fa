package ai.hanzo.node.compute;

import static ai.hanzo.node.compute.ComputeFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.runtime.ContainerState;
import ai.hanzo.node.runtime.ContainerStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine over the real process runtime and RocksDB: deploy, scale, stop, remove, restart policies. */
class OrchestratorIT extends RunningEngineTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String SLEEPER = "echo \"$GREETING\"; exec sleep 60";

  private DeploymentSummary awaitStatus(String id, String status) {
    return await().atMost(WAIT).until(() -> fx.engine.get(Tenant.ALL, id).orElseThrow(),
        s -> s.status().equals(status));
  }

  private List<ContainerState> containers(String id) {
    return fx.runtime.list(Map.of(ReplicaName.DEPLOYMENT_LABEL, id));
  }

  @Test
  void deployRunsOneLabelledContainerPerReplicaAndIsIdempotent() {
    var result = fx.engine.deploy(Tenant.ALL, request("web", "app", 2, "no", SLEEPER));
    assertThat(result.deploymentId()).isEqualTo("web");
    assertThat(fx.db.deployments().get("web")).as("stored before the call returned").isPresent();

    DeploymentSummary running = awaitStatus("web", "running");
    assertThat(running.readyReplicas()).isEqualTo(2);
    assertThat(containers("web")).extracting(ContainerState::name)
        .containsExactlyInAnyOrder("web-app-1", "web-app-2");
    assertThat(containers("web").get(0).labels()).containsEntry(ReplicaName.SERVICE_LABEL, "app")
        .containsEntry(ReplicaName.NODE_LABEL, ComputeFixture.NODE).containsKey(ReplicaName.REPLICA_LABEL);

    fx.engine.deploy(Tenant.ALL, request("web", "app", 2, "no", SLEEPER));
    fx.engine.reconcileAll();
    assertThat(containers("web")).as("the same spec again creates nothing").hasSize(2);
    assertThat(fx.count(ComputeEvents.DEPLOYMENT_CREATED)).isEqualTo(1);
    assertThat(fx.count(ComputeEvents.CONTAINER_STARTED)).isEqualTo(2);
  }

  @Test
  void aStoppedDeploymentDeployedAgainStartsEvenWithoutARestartPolicy() {
    fx.engine.deploy(Tenant.ALL, request("pausable", "app", 2, "no", SLEEPER));
    awaitStatus("pausable", "running");
    fx.engine.stop(Tenant.ALL, "pausable", false);
    awaitStatus("pausable", "stopped");
    assertThat(containers("pausable")).noneMatch(ContainerState::running);

    fx.engine.deploy(Tenant.ALL, request("pausable", "app", 2, "no", SLEEPER));
    awaitStatus("pausable", "running");
    assertThat(containers("pausable")).as("the stop's containers start again, not new ones").hasSize(2)
        .allMatch(ContainerState::running);
    assertThat(fx.count(ComputeEvents.CONTAINER_CREATED)).isEqualTo(2);
  }

  @Test
  void scaleUpAndDownRemovesTheNewestReplicasFirst() {
    fx.engine.deploy(Tenant.ALL, request("api", "svc", 1, "no", SLEEPER));
    awaitStatus("api", "running");

    assertThat(fx.engine.scale(Tenant.ALL, "api", "svc", 3)).isEqualTo(new DeploymentService.ScaleResult(1, 3));
    await().atMost(WAIT).until(() -> fx.engine.get(Tenant.ALL, "api").orElseThrow().readyReplicas() == 3);
    assertThat(fx.engine.scale(Tenant.ALL, "api", "svc", 1)).isEqualTo(new DeploymentService.ScaleResult(3, 1));
    await().atMost(WAIT).until(() -> containers("api").size() == 1);
    assertThat(containers("api")).extracting(ContainerState::name).containsExactly("api-svc-1");
    assertThat(awaitStatus("api", "running").replicas()).isEqualTo(1);

    assertThatThrownBy(() -> fx.engine.scale(Tenant.ALL, "api", "nope", 2))
        .isInstanceOfSatisfying(NodeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    assertThatThrownBy(() -> fx.engine.scale(Tenant.ALL, "ghost", "svc", 2))
        .isInstanceOfSatisfying(NodeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  @Test
  void stopEndsTheContainersAndRemoveDeletesEverything() {
    fx.engine.deploy(Tenant.ALL, request("job", "w", 2, "always", SLEEPER));
    awaitStatus("job", "running");

    fx.engine.stop(Tenant.ALL, "job", false);
    assertThat(awaitStatus("job", "stopped").readyReplicas()).isZero();
    fx.engine.reconcileAll();
    assertThat(containers("job")).as("a stopped deployment is not restarted despite 'always'")
        .allMatch(c -> c.status() == ContainerStatus.EXITED);

    fx.engine.remove(Tenant.ALL, "job", true);
    assertThat(fx.engine.get(Tenant.ALL, "job")).as("forgotten when Remove returns").isEmpty();
    await().atMost(WAIT).until(() -> containers("job").isEmpty());
    assertThat(fx.count(ComputeEvents.CONTAINER_REMOVED)).isEqualTo(2);
    assertThatThrownBy(() -> fx.engine.remove(Tenant.ALL, "job", false))
        .isInstanceOfSatisfying(NodeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  @Test
  void onFailureRestartsUpToItsLimitThenTheDeploymentHasFailed() {
    fx.engine.deploy(Tenant.ALL, request("crash", "c", 1, "on-failure:2", "exit 3"));
    DeploymentSummary failed = awaitStatus("crash", "failed");
    assertThat(failed.readyReplicas()).isZero();
    assertThat(fx.count(ComputeEvents.CONTAINER_RESTARTED)).isEqualTo(2);
    assertThat(containers("crash")).hasSize(1);
  }

  @Test
  void policyNoLeavesACleanExitAlone() {
    fx.engine.deploy(Tenant.ALL, request("once", "c", 1, "no", "exit 0"));
    await().atMost(WAIT).until(() -> fx.count(ComputeEvents.CONTAINER_EXITED) == 1);
    fx.engine.reconcileAll();
    assertThat(fx.count(ComputeEvents.CONTAINER_RESTARTED)).isZero();
    assertThat(fx.engine.get(Tenant.ALL, "once").orElseThrow().status()).isEqualTo("stopped");
  }

  @Test
  void aNewEngineReadoptsRunningReplicasRestartsDeadOnesAndRemovesOrphans() {
    fx.engine.deploy(Tenant.ALL, request("keep", "s", 2, "always", SLEEPER));
    awaitStatus("keep", "running");
    List<String> ids = containers("keep").stream().map(ContainerState::id).sorted().toList();

    fx.restart();
    fx.runtime.kill(containers("keep").get(0).id(), "KILL");
    await().atMost(WAIT).until(() -> containers("keep").stream().anyMatch(c -> !c.running()));
    String orphan = fx.runtime.create(new ReplicaSpecs(dataDir.resolve("volumes"))
        .spec(request("gone", "s", 1, "no", SLEEPER), new ReplicaName("gone", "s", 1), ComputeFixture.NODE));
    fx.runtime.start(orphan);

    fx.engine.start();
    awaitStatus("keep", "running");
    assertThat(containers("keep").stream().map(ContainerState::id).sorted().toList())
        .as("the same containers, no duplicates").isEqualTo(ids);
    await().atMost(WAIT).until(() -> containers("gone").isEmpty());
    assertThat(fx.count(ComputeEvents.CONTAINER_ADOPTED)).isGreaterThanOrEqualTo(1);
  }

  @Test
  void aReplicaTheRuntimeCannotCreateIsReportedAndRetriedWithBackoff() {
    DeploymentRequest unknownImage = request("img", "s", 1, "no", SLEEPER);
    var service = unknownImage.project().services().get("s");
    // No command: the process runtime cannot create it (a container image is refused at Deploy, below).
    var noCommand = new DeploymentRequest.ServiceDefinition("", List.of(), List.of(),
        service.environment(), service.ports(), service.volumes(), service.networks(), 1, null, null, null, "no");
    fx.engine.deploy(Tenant.ALL, new DeploymentRequest("img", "img", new DeploymentRequest.ComposeProject("3", "img",
        Map.of("s", noCommand), Map.of(), Map.of()), Map.of(), unknownImage.options()));
    await().atMost(WAIT).until(() -> fx.count(ComputeEvents.CONTAINER_FAILED) >= 2);
    assertThat(fx.events().stream().filter(e -> e.type().equals(ComputeEvents.CONTAINER_FAILED)))
        .allMatch(e -> e.message().contains("entrypoint or a command"));
    assertThat(fx.engine.get(Tenant.ALL, "img").orElseThrow().status()).isEqualTo("pending");
  }

  @Test
  void badSpecsAreRefusedNamingTheField() {
    assertThatThrownBy(() -> fx.engine.deploy(Tenant.ALL, request("bad", "s", 1, "sometimes", SLEEPER)))
        .hasMessageContaining("spec.services.s.restart");
    assertThatThrownBy(() -> fx.engine.deploy(Tenant.ALL, request("../etc", "s", 1, "no", SLEEPER)))
        .hasMessageContaining("deployment_id");
    assertThat(fx.engine.list(Tenant.ALL)).isEmpty();
  }

  @Test
  void aContainerImageOnTheProcessRuntimeIsRefusedAtOnce() {
    var service = request("img", "s", 1, "no", SLEEPER).project().services().get("s");
    var busybox = new DeploymentRequest.ServiceDefinition("busybox", service.command(), service.entrypoint(),
        service.environment(), service.ports(), service.volumes(), service.networks(), 2, null, null, null, "no");
    assertThatThrownBy(() -> fx.engine.deploy(Tenant.ALL, new DeploymentRequest("img", "img",
        new DeploymentRequest.ComposeProject("3", "img", Map.of("s", busybox), Map.of(), Map.of()), Map.of(),
        request("img", "s", 1, "no", SLEEPER).options())))
        .isInstanceOfSatisfying(NodeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION))
        .hasMessageContaining("spec.services.s.image").hasMessageContaining("runtime 'process'")
        .hasMessageContaining("install runc or Podman").hasMessageContaining("image: process");
    assertThat(fx.engine.list(Tenant.ALL)).as("nothing stored").isEmpty();
  }
}
