package ai.hanzo.node.compute;

import static ai.hanzo.node.compute.ComputeFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.runtime.ContainerState;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Real processes: Remove of a deployment while its 200 replicas roll out answers within a second, its rollout stops
 * and every one of its processes is gone soon after, and another deployment meanwhile comes up (issue 12 item 6).
 */
class RunawayRolloutIT extends WithRunningEngine {
  private static final int REPLICAS = 200;

  private List<ContainerState> containers(String id) {
    return fx.runtime.list(Map.of(ReplicaName.DEPLOYMENT_LABEL, id));
  }

  @Test
  void removeWinsOverARolloutOfManyProcesses() {
    fx.engine.deploy(Tenant.ALL, request("bomb", "app", REPLICAS, "always", "exec sleep 600"));
    Set<Long> pids = new HashSet<>();
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      containers("bomb").stream().filter(ContainerState::running).forEach(c -> pids.add(c.pid()));
      return pids.size() >= 20;
    });

    long started = System.nanoTime();
    fx.engine.remove(Tenant.ALL, "bomb", false);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(took).as("Remove answers while the rollout runs").isLessThan(Duration.ofSeconds(1));
    assertThat(fx.engine.get(Tenant.ALL, "bomb")).isEmpty();
    int createdWhenRemoved = containers("bomb").size();

    fx.engine.deploy(Tenant.ALL, request("other", "app", 2, "always", "exec sleep 600"));
    await().atMost(Duration.ofSeconds(60)).until(() -> containers("bomb").isEmpty());
    assertThat(createdWhenRemoved).as("the rollout had not finished").isLessThan(REPLICAS);
    containers("bomb").forEach(c -> pids.add(c.pid()));
    await().atMost(Duration.ofSeconds(30)).until(() -> pids.stream()
        .noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)));
    await().atMost(Duration.ofSeconds(30))
        .until(() -> containers("other").stream().filter(ContainerState::running).count() == 2);
  }
}
