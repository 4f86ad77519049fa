package ai.hanzo.node.compute;

import static ai.hanzo.node.compute.ComputeFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.runtime.ContainerState;
import ai.hanzo.node.runtime.ContainerStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Restart backoff with the in-memory runtime and a hand-moved clock: a crashed replica waits for its backoff
 * however many passes run, and restarts in the first pass after it, without any real waiting. The loop is not
 * started; the test runs the passes.
 */
class RestartBackoffMemoryTest extends WithMemoryEngine {
  @Test
  void aCrashedReplicaRestartsOnlyAfterItsBackoff() {
    fx.engine.deploy(Tenant.ALL, request("crashy", "app", 1, "always", "sleep 600"));
    fx.engine.reconcileAll();
    ContainerState first = fx.containers("crashy").get(0);
    assertThat(first.running()).isTrue();

    fx.runtime.exit(first.id(), 1);
    for (int pass = 0; pass < 5; pass++) {
      fx.engine.reconcileAll();
    }
    assertThat(fx.runtime.inspect(first.id()).status()).as("still backing off (at most 200 ms of the clock)")
        .isEqualTo(ContainerStatus.EXITED);

    fx.clock.advance(Duration.ofMillis(201));
    fx.engine.reconcileAll();
    assertThat(fx.runtime.inspect(first.id()).status()).as("restarted in place after the backoff")
        .isEqualTo(ContainerStatus.RUNNING);
    assertThat(fx.events()).filteredOn(e -> e.type().equals(ComputeEvents.CONTAINER_RESTARTED)).hasSize(1);
  }
}
