package ai.hanzo.node.compute;

import static ai.hanzo.node.compute.ComputeFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Cordon, drain and uncordon over the in-memory runtime, including an engine restart in between. The drain's
 * deadline runs on the test's clock: a replica that ignores SIGTERM is killed exactly when the clock passes it.
 */
class SchedulingMemoryTest extends WithMemoryEngine {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String SLEEPER = "exec sleep 60";
  /** Ignores SIGTERM, so only the drain's deadline (SIGKILL) ends it. */
  private static final String STUBBORN = "trap '' TERM; while true; do sleep 1; done";


  private static void assertCode(Throwable thrown, ErrorCode code) {
    assertThat(thrown).isInstanceOfSatisfying(NodeException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  private List<Integer> exitCodes(String id) {
    return fx.containers(id).stream().map(c -> c.exitCode().orElse(-1)).toList();
  }

  @Test
  void aCordonedNodeKeepsWhatRunsButRefusesNewWorkAndScaleUps() {
    fx.engine.deploy(Tenant.ALL, request("kept", "app", 1, "no", SLEEPER));
    fx.engine.reconcileAll();
    fx.engine.cordon();
    fx.engine.cordon();
    assertThat(fx.engine.state()).isEqualTo(new SchedulingControl.SchedulingState(true, NodeScheduling.Drain.NONE));

    assertThatThrownBy(() -> fx.engine.deploy(Tenant.ALL, request("new", "app", 1, "no", SLEEPER)))
        .isInstanceOfSatisfying(NodeException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION);
          assertThat(e.getMessage()).contains("cordoned").contains("uncordon");
        });
    assertThatThrownBy(() -> fx.engine.scale(Tenant.ALL, "kept", "app", 2))
        .isInstanceOfSatisfying(NodeException.class, e -> assertThat(e.code())
            .isEqualTo(ErrorCode.FAILED_PRECONDITION));
    fx.engine.reconcileAll();
    assertThat(fx.running("kept")).as("what ran before the cordon runs on").isEqualTo(1);
    assertThat(fx.engine.scale(Tenant.ALL, "kept", "app", 0).currentReplicas()).as("scaling down is allowed").isZero();
    fx.engine.reconcileAll();
    assertThat(fx.containers("kept")).isEmpty();
    assertThat(fx.count(ComputeEvents.NODE_CORDONED)).as("cordoning twice is one change").isEqualTo(1);
    assertThat(fx.engine.get(Tenant.ALL, "new")).isEmpty();

    assertThat(fx.engine.uncordon()).isZero();
    fx.engine.deploy(Tenant.ALL, request("new", "app", 1, "no", SLEEPER));
    fx.engine.reconcileAll();
    assertThat(fx.summary("new").status()).isEqualTo("running");
  }

  @Test
  void drainStopsEverythingByTheDeadlineSurvivesARestartAndUncordonStartsItAgain() {
    fx.engine.deploy(Tenant.ALL, request("polite", "app", 2, "always", SLEEPER));
    fx.engine.deploy(Tenant.ALL, request("stubborn", "app", 1, "always", STUBBORN));
    fx.engine.deploy(Tenant.ALL, request("once", "app", 1, "no", SLEEPER));
    fx.engine.deploy(Tenant.ALL, request("idle", "app", 1, "no", SLEEPER));
    fx.engine.reconcileAll();
    assertThat(fx.engine.list(Tenant.ALL)).extracting(DeploymentSummary::status).containsOnly("running");
    fx.engine.stop(Tenant.ALL, "idle", false);
    fx.engine.reconcileAll();

    SchedulingControl.DrainResult result = fx.engine.drain(Duration.ofSeconds(2));
    assertThat(result.stoppingDeployments()).isEqualTo(3);
    assertThat(fx.engine.drain(Duration.ofSeconds(2)).alreadyDraining()).isTrue();
    // The drainer stops the deployments in id order (the store's), so the others got SIGTERM before the stubborn
    // replica, which ignores it: its stop waits for the deadline, two seconds of the clock from now.
    await().atMost(WAIT).until(() -> fx.runtime.stopsWaitingOutTheirGrace() == 1);
    fx.advance(Duration.ofMillis(1999));
    assertThat(fx.running("stubborn")).as("still running just before the deadline").isEqualTo(1);
    assertThat(fx.engine.state().drain()).isEqualTo(NodeScheduling.Drain.DRAINING);
    fx.advance(Duration.ofMillis(1));
    assertThat(fx.running("stubborn")).as("killed at the deadline").isZero();
    await().atMost(WAIT).until(() -> fx.engine.state().drain() == NodeScheduling.Drain.DRAINED);
    assertThat(exitCodes("stubborn")).containsExactly(137);
    assertThat(exitCodes("polite")).as("ended by SIGTERM").containsExactly(143, 143);
    assertThat(exitCodes("once")).containsExactly(143);
    assertThat(fx.count(ComputeEvents.NODE_DRAINING)).isEqualTo(1);
    assertThat(fx.count(ComputeEvents.NODE_DRAINED)).isEqualTo(1);

    fx.restart();
    fx.engine.reconcileAll();
    assertThat(fx.engine.state()).isEqualTo(new SchedulingControl.SchedulingState(true,
        NodeScheduling.Drain.DRAINED));
    assertThat(fx.running("polite")).as("a drained deployment stays stopped across a restart").isZero();
    assertCode(catchThrowable(() -> fx.engine.deploy(Tenant.ALL,
        request("later", "app", 1, "no", SLEEPER))), ErrorCode.FAILED_PRECONDITION);

    assertThat(fx.engine.uncordon()).isEqualTo(3);
    fx.engine.reconcileAll();
    assertThat(Map.of("polite", fx.running("polite"), "stubborn", fx.running("stubborn"), "once",
        fx.running("once"), "idle", fx.running("idle")))
        .as("idle was stopped before the drain, so uncordon leaves it stopped")
        .isEqualTo(Map.of("polite", 2L, "stubborn", 1L, "once", 1L, "idle", 0L));
    assertThat(fx.engine.state()).isEqualTo(new SchedulingControl.SchedulingState(false,
        NodeScheduling.Drain.NONE));
    assertThat(fx.runtime.creates()).as("the drained containers started again, none new").isEqualTo(5);
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
        e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED)).hasMessageContaining("64.00 CPUs");
    assertThat(fx.engine.get(Tenant.ALL, "huge")).as("nothing stored").isEmpty();
  }

  @Test
  void aDeadlineMustBePositive() {
    assertCode(catchThrowable(() -> fx.engine.drain(Duration.ZERO)),
        ErrorCode.INVALID_ARGUMENT);
    assertCode(catchThrowable(() -> fx.engine.drain(Duration.ofSeconds(-1))),
        ErrorCode.INVALID_ARGUMENT);
    assertThat(fx.engine.state()).as("nothing drained").isEqualTo(new SchedulingControl.SchedulingState(false,
        NodeScheduling.Drain.NONE));
  }
}
