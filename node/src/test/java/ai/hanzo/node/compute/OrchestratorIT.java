package ai.hanzo.node.compute;

import static ai.hanzo.node.compute.ComputeFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.runtime.ContainerState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The engine over the real process runtime, only for what needs real processes: real exit codes and restarts, a new
 * runtime re-adopting live processes, the process runtime's own refusal. The reconciler's logic is tested in memory
 * in {@link ReconcilerMemoryTest}.
 */
class OrchestratorIT extends WithRunningEngine {
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
  void onFailureRestartsUpToItsLimitThenTheDeploymentHasFailed() {
    fx.engine.deploy(Tenant.ALL, request("crash", "c", 1, "on-failure:2", "exit 3"));
    DeploymentSummary failed = awaitStatus("crash", "failed");
    assertThat(failed.readyReplicas()).isZero();
    assertThat(fx.count(ComputeEvents.CONTAINER_RESTARTED)).isEqualTo(2);
    assertThat(containers("crash")).singleElement().satisfies(c -> assertThat(c.exitCode()).hasValue(3));
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
  void aServiceWithoutACommandIsRefusedByTheProcessRuntimeReportedAndRetried() {
    DeploymentRequest unknownImage = request("img", "s", 1, "no", SLEEPER);
    var service = unknownImage.project().services().get("s");
    // No command: the process runtime itself refuses to create it (a container image is refused before, at Deploy).
    var noCommand = new DeploymentRequest.ServiceDefinition("", List.of(), List.of(),
        service.environment(), service.ports(), service.volumes(), service.networks(), 1, null, null, null, "no");
    fx.engine.deploy(Tenant.ALL, new DeploymentRequest("img", "img", new DeploymentRequest.ComposeProject("3", "img",
        Map.of("s", noCommand), Map.of(), Map.of()), Map.of(), unknownImage.options()));
    await().atMost(WAIT).until(() -> fx.count(ComputeEvents.CONTAINER_FAILED) >= 2);
    assertThat(fx.events().stream().filter(e -> e.type().equals(ComputeEvents.CONTAINER_FAILED)))
        .allMatch(e -> e.message().contains("entrypoint or a command"));
    assertThat(fx.engine.get(Tenant.ALL, "img").orElseThrow().status()).isEqualTo("pending");
  }
}
