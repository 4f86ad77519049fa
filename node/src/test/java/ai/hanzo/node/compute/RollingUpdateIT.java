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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deploying a changed spec under the same id replaces replicas one at a time, waiting for each to be ready. */
class RollingUpdateIT extends RunningEngineTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir
  Path flags;

  private List<ContainerState> running(String id) {
    return fx.runtime.list(Map.of(ReplicaName.DEPLOYMENT_LABEL, id)).stream().filter(ContainerState::running)
        .toList();
  }

  /** The v-th version of a 3-replica service whose check passes once {@code <flags>/ready-v<v>} exists. */
  private DeploymentRequest version(int v) {
    DeploymentRequest base = request("roll", "app", 3, "always", "echo v" + v + "; exec sleep 120");
    ServiceDefinition s = base.project().services().get("app");
    ServiceDefinition checked = new ServiceDefinition(s.image(), s.command(), s.entrypoint(), s.environment(),
        s.ports(), s.volumes(), s.networks(), 3, null, null,
        new Healthcheck(List.of("CMD-SHELL", "test -f " + flags.resolve("ready-v" + v)), "100ms", "2s", 1000, ""),
        "always");
    return new DeploymentRequest("roll", "roll", new DeploymentRequest.ComposeProject("3", "roll",
        Map.of("app", checked), Map.of(), Map.of()), base.environment(), base.options());
  }

  @Test
  void replicasAreReplacedOneAtATimeAndNeverMoreThanOneIsDown() throws Exception {
    Files.createFile(flags.resolve("ready-v1"));
    fx.engine.deploy(Tenant.ALL, version(1));
    await().atMost(WAIT).until(() -> fx.engine.get(Tenant.ALL, "roll").orElseThrow().readyReplicas() == 3);
    List<String> v1 = running("roll").stream().map(ContainerState::id).toList();

    // Sample the ready count while the update runs: it may dip to 2, never lower.
    List<Integer> readySamples = new ArrayList<>();
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    sampler.scheduleAtFixedRate(() -> {
      synchronized (readySamples) {
        readySamples.add(fx.engine.get(Tenant.ALL, "roll").orElseThrow().readyReplicas());
      }
    }, 0, 20, TimeUnit.MILLISECONDS);
    try {
      var result = fx.engine.deploy(Tenant.ALL, version(2));
      assertThat(result.message()).contains("updating");
      await().atMost(WAIT).until(() -> fx.engine.get(Tenant.ALL, "roll").orElseThrow().status(), "updating"::equals);
      // The first new replica is not ready (its check fails): the rollout must wait with two old replicas up.
      await().atMost(WAIT).until(() -> fx.count(ComputeEvents.CONTAINER_REMOVED) == 1
          && running("roll").size() == 3);
      fx.engine.reconcileAll();
      fx.engine.reconcileAll();
      assertThat(fx.count(ComputeEvents.CONTAINER_REMOVED)).as("stalled on the unready replica").isEqualTo(1);
      assertThat(running("roll").stream().map(ContainerState::id).filter(v1::contains)).hasSize(2);

      Files.createFile(flags.resolve("ready-v2"));
      await().atMost(WAIT).until(() -> fx.engine.get(Tenant.ALL, "roll").orElseThrow().status().equals("running")
          && fx.engine.get(Tenant.ALL, "roll").orElseThrow().readyReplicas() == 3);
    } finally {
      sampler.shutdownNow();
    }
    assertThat(running("roll")).extracting(ContainerState::id).doesNotContainAnyElementsOf(v1);
    assertThat(fx.count(ComputeEvents.CONTAINER_REMOVED)).isEqualTo(3);
    assertThat(fx.count(ComputeEvents.DEPLOYMENT_UPDATING)).isEqualTo(1);
    synchronized (readySamples) {
      assertThat(readySamples).isNotEmpty().allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(2));
    }
  }
}
