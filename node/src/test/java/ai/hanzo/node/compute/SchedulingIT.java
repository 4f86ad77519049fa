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
 * A drain over real processes: real SIGTERM, and a real process that ignores it killed at the real deadline. Cordon,
 * drain, restart and uncordon logic is tested in memory in {@link SchedulingMemoryTest}.
 */
class SchedulingIT extends WithRunningEngine {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Duration DEADLINE = Duration.ofSeconds(1);
  private static final String SLEEPER = "exec sleep 60";
  /** Ignores SIGTERM, so only the drain's deadline (SIGKILL) ends it. */
  private static final String STUBBORN = "trap '' TERM; while true; do sleep 1; done";

  private List<ContainerState> containers(String id) {
    return fx.runtime.list(Map.of(ReplicaName.DEPLOYMENT_LABEL, id));
  }

  @Test
  void drainEndsPoliteProcessesBySigtermAndKillsOneThatIgnoresItAtTheDeadline() {
    fx.engine.deploy(Tenant.ALL, request("polite", "app", 1, "always", SLEEPER));
    fx.engine.deploy(Tenant.ALL, request("stubborn", "app", 1, "always", STUBBORN));
    await().atMost(WAIT).until(() -> fx.engine.list(Tenant.ALL).stream()
        .allMatch(d -> d.status().equals("running")));

    long start = System.nanoTime();
    assertThat(fx.engine.drain(DEADLINE).stoppingDeployments()).isEqualTo(2);
    await().atMost(WAIT).until(() -> fx.engine.state().drain() == NodeScheduling.Drain.DRAINED);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(containers("polite")).singleElement().satisfies(c -> assertThat(c.exitCode()).as("SIGTERM")
        .hasValue(143));
    assertThat(containers("stubborn")).singleElement().satisfies(c -> assertThat(c.exitCode()).as("SIGKILL")
        .hasValue(137));
    assertThat(took).as("the stubborn process had until the deadline").isGreaterThanOrEqualTo(
        DEADLINE.minusMillis(100));
  }
}
