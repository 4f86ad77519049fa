package ai.hanzo.node.compute;

import static ai.hanzo.node.compute.ComputeFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.compute.DeploymentRequest.Healthcheck;
import ai.hanzo.node.compute.DeploymentRequest.ServiceDefinition;
import ai.hanzo.node.runtime.ContainerState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One rolling update end to end over real processes: the spec label survives the process runtime, real health
 * checks gate the rollout, and the new processes run the new command. The rollout's logic (one at a time, never more
 * than one down, stalls on an unready replica, rolls back) is tested in memory in {@link RollingUpdateMemoryTest}.
 */
class RollingUpdateIT extends WithRunningEngine {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir
  Path flags;

  private List<ContainerState> running(String id) {
    return fx.runtime.list(Map.of(ReplicaName.DEPLOYMENT_LABEL, id)).stream().filter(ContainerState::running)
        .toList();
  }

  /** The v-th version of a 3-replica service that logs its version; its check passes once ready-v<v> exists. */
  private DeploymentRequest version(int v) {
    DeploymentRequest base = request("roll", "app", 3, "always",
        "echo v" + v + " >> " + flags.resolve("started") + "; exec sleep 120");
    ServiceDefinition s = base.project().services().get("app");
    ServiceDefinition checked = new ServiceDefinition(s.image(), s.command(), s.entrypoint(), s.environment(),
        s.ports(), s.volumes(), s.networks(), 3, null, null,
        new Healthcheck(List.of("CMD-SHELL", "test -f " + flags.resolve("ready-v" + v)), "100ms", "2s", 1000, ""),
        "always");
    return new DeploymentRequest("roll", "roll", new DeploymentRequest.ComposeProject("3", "roll",
        Map.of("app", checked), Map.of(), Map.of()), base.environment(), base.options());
  }

  @Test
  void everyRealProcessIsReplacedByOneRunningTheNewSpec() throws Exception {
    Files.createFile(flags.resolve("ready-v1"));
    fx.engine.deploy(Tenant.ALL, version(1));
    await().atMost(WAIT).until(() -> fx.engine.get(Tenant.ALL, "roll").orElseThrow().readyReplicas() == 3);
    List<String> v1 = running("roll").stream().map(ContainerState::id).toList();

    Files.createFile(flags.resolve("ready-v2"));
    assertThat(fx.engine.deploy(Tenant.ALL, version(2)).message()).contains("updating");
    await().atMost(WAIT).until(() -> fx.engine.get(Tenant.ALL, "roll").orElseThrow().status().equals("running")
        && fx.engine.get(Tenant.ALL, "roll").orElseThrow().readyReplicas() == 3);

    assertThat(running("roll")).hasSize(3).extracting(ContainerState::id).doesNotContainAnyElementsOf(v1);
    assertThat(fx.count(ComputeEvents.CONTAINER_REMOVED)).isEqualTo(3);
    assertThat(Files.readAllLines(flags.resolve("started"))).as("three v1 processes, then three v2 ones")
        .containsExactly("v1", "v1", "v1", "v2", "v2", "v2");
  }
}
