package ai.hanzo.node.app;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.lifecycle.ControllerState;
import ai.hanzo.node.metrics.HealthCheck;
import ai.hanzo.node.metrics.HealthLevel;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Readiness follows the lifecycle and the storage check: ready only while running with HEALTHY storage. */
class NodeReadinessTest {
  private final AtomicReference<ControllerState> state = new AtomicReference<>(ControllerState.STARTING);
  private final AtomicReference<HealthCheck.Result> storage = new AtomicReference<>(HealthCheck.Result.healthy());
  private final NodeReadiness readiness = new NodeReadiness(state::get, new HealthCheck() {
    @Override
    public String name() {
      return "storage";
    }

    @Override
    public Result check() {
      return storage.get();
    }
  });

  @Test
  void readyOnlyWhileRunningWithHealthyStorage() {
    assertThat(readiness.ready()).as("starting").isFalse();
    assertThat(readiness.notReadyReason()).contains("starting");
    state.set(ControllerState.RUNNING);
    assertThat(readiness.ready()).isTrue();
    assertThat(readiness.notReadyReason()).isNull();

    storage.set(new HealthCheck.Result(HealthLevel.DEGRADED, "disk full since 2026-01-01T00:00:00Z"));
    assertThat(readiness.ready()).as("disk full").isFalse();
    assertThat(readiness.notReadyReason()).contains("storage is DEGRADED").contains("disk full");
    storage.set(new HealthCheck.Result(HealthLevel.UNHEALTHY, "corruption found"));
    assertThat(readiness.ready()).as("corrupt").isFalse();
    storage.set(HealthCheck.Result.healthy());
    assertThat(readiness.ready()).as("writes succeed again").isTrue();

    state.set(ControllerState.STOPPING);
    assertThat(readiness.ready()).isFalse();
  }
}
