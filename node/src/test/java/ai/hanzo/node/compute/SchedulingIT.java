package ai.hanzo.node.compute;

import static ai.hanzo.node.compute.ComputeFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.runtime.ContainerState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cordon, drain and uncordon over the real process runtime and RocksDB, including a restart in between. */
class SchedulingIT extends RunningEngineTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String SLEEPER = "exec sleep 60";
  /** Ignores SIGTERM, so only the drain's deadline (SIGKILL) ends it. */
  private static final String STUBBORN = "trap '' TERM; while true; do sleep 1; done";

  private void awaitStatus(String id, String status) {
    await().atMost(WAIT).until(() -> fx.engine.get(Tenant.ALL, id).orElseThrow().status(), status::equals);
  }

  private long running(String id) {
    return fx.runtime.list(Map.of(ReplicaName.DEPLOYMENT_LABEL, id)).stream().filter(ContainerState::running)
        .count();
  }

  @Test
  void aCordonedNodeKeepsWhatRunsButRefusesNewWorkAndScaleUps() {
    fx.engine.deploy(Tenant.ALL, request("kept", "app", 1, "no", SLEEPER));
    awaitStatus("kept", "running");
    fx.engine.cordon();
    assertThat(fx.engine.state().cordoned()).isTrue();
    assertThat(fx.engine.state().drain()).isEqualTo(NodeScheduling.Drain.NONE);

    assertThatThrownBy(() -> fx.engine.deploy(Tenant.ALL, request("new", "app", 1, "no", SLEEPER)))
        .isInstanceOfSatisfying(NodeException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION);
          assertThat(e.getMessage()).contains("cordoned").contains("uncordon");
        });
    assertThatThrownBy(() -> fx.engine.scale(Tenant.ALL, "kept", "app", 2))
        .isInstanceOfSatisfying(NodeException.class, e -> assertThat(e.code())
            .isEqualTo(ErrorCode.FAILED_PRECONDITION));
    assertThat(fx.engine.scale(Tenant.ALL, "kept", "app", 0).currentReplicas()).as("scaling down is allowed").isZero();
    assertThat(fx.count(ComputeEvents.NODE_CORDONED)).isEqualTo(1);

    assertThat(fx.engine.uncordon()).isZero();
    fx.engine.deploy(Tenant.ALL, request("new", "app", 1, "no", SLEEPER));
    awaitStatus("new", "running");
  }

  @Test
  void drainStopsEverythingByTheDeadlineSurvivesARestartAndUncordonStartsItAgain() {
    fx.engine.deploy(Tenant.ALL, request("polite", "app", 2, "always", SLEEPER));
    fx.engine.deploy(Tenant.ALL, request("stubborn", "app", 1, "always", STUBBORN));
    fx.engine.deploy(Tenant.ALL, request("once", "app", 1, "no", SLEEPER));
    fx.engine.deploy(Tenant.ALL, request("idle", "app", 1, "no", SLEEPER));
    awaitStatus("polite", "running");
    awaitStatus("stubborn", "running");
    awaitStatus("once", "running");
    awaitStatus("idle", "running");
    fx.engine.stop(Tenant.ALL, "idle", false);

    SchedulingControl.DrainResult result = fx.engine.drain(Duration.ofSeconds(2));
    assertThat(result.stoppingDeployments()).isEqualTo(3);
    assertThat(fx.engine.drain(Duration.ofSeconds(2)).alreadyDraining()).isTrue();
    await().atMost(WAIT).until(() -> fx.engine.state().drain() == NodeScheduling.Drain.DRAINED);
    assertThat(running("polite")).isZero();
    assertThat(running("stubborn")).as("killed at the deadline").isZero();
    assertThat(fx.count(ComputeEvents.NODE_DRAINING)).isEqualTo(1);
    assertThat(fx.count(ComputeEvents.NODE_DRAINED)).isEqualTo(1);

    fx.restart();
    fx.engine.start();
    fx.engine.reconcileAll();
    assertThat(fx.engine.state()).isEqualTo(new SchedulingControl.SchedulingState(true,
        NodeScheduling.Drain.DRAINED));
    assertThat(running("polite")).as("a drained deployment stays stopped across a restart").isZero();

    assertThat(fx.engine.uncordon()).isEqualTo(3);
    await().atMost(WAIT).until(() -> running("polite") == 2 && running("stubborn") == 1);
    await().atMost(WAIT).until(() -> running("once") == 1);
    assertThat(running("idle")).as("stopped before the drain, so not started by uncordon").isZero();
    assertThat(fx.engine.state()).isEqualTo(new SchedulingControl.SchedulingState(false,
        NodeScheduling.Drain.NONE));
  }

  @Test
  void aDeploymentReservingMoreThanTheNodeHasIsRefused() {
    DeploymentRequest base = request("huge", "app", 1, "no", SLEEPER);
    var service = base.project().services().get("app");
    var huge = new DeploymentRequest("huge", "huge", new DeploymentRequest.ComposeProject("3", "huge",
        Map.of("app", new DeploymentRequest.ServiceDefinition(service.image(), service.command(), List.of(),
            Map.of(), List.of(), List.of(), List.of(), 1, null, new DeploymentRequest.Resources("4096", ""), null,
            "no")), Map.of(), Map.of()), Map.of(), base.options());
    assertThatThrownBy(() -> fx.engine.deploy(Tenant.ALL, huge)).isInstanceOfSatisfying(NodeException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED));
    assertThat(fx.engine.get(Tenant.ALL, "huge")).as("nothing stored").isEmpty();
  }

  @Test
  void aDeadlineMustBePositive() {
    assertThatThrownBy(() -> fx.engine.drain(Duration.ZERO)).isInstanceOfSatisfying(NodeException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
  }
}
