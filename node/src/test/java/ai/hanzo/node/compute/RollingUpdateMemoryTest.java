package ai.hanzo.node.compute;

import static ai.hanzo.node.compute.ComputeFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.compute.DeploymentRequest.Healthcheck;
import ai.hanzo.node.compute.DeploymentRequest.ServiceDefinition;
import ai.hanzo.node.runtime.ContainerSpec;
import ai.hanzo.node.runtime.ContainerState;
import ai.hanzo.node.runtime.InMemoryRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Deploying a changed spec under the same id replaces replicas one at a time, each waiting for the last to pass its
 * health check, over the in-memory runtime. The test runs the passes and says which versions pass their checks; the
 * engine's health probes still run on their own (every 100 ms of real time), so readiness is awaited.
 */
class RollingUpdateMemoryTest extends WithMemoryEngine {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String ID = "roll";

  /** updated_replicas after each pass of {@link #passUntilEveryReplicaIsReady}. */
  final List<Integer> updatedAfterEachPass = new ArrayList<>();

  /** The versions whose health checks pass. */
  final Set<String> readyVersions = ConcurrentHashMap.newKeySet();

  @Override
  MemoryEngine engine(Path dataDir) {
    MemoryEngine engine = new MemoryEngine(dataDir);
    engine.runtime.answerExecs(spec -> readyVersions.contains(versionOf(spec)) ? 0 : 1);
    return engine;
  }

  /** The v-th version of a 3-replica service, checked every 100 ms; its command names the version. */
  private static DeploymentRequest version(int v) {
    DeploymentRequest base = request(ID, "app", 3, "always", "echo v" + v + "; exec sleep 120");
    ServiceDefinition s = base.project().services().get("app");
    ServiceDefinition checked = new ServiceDefinition(s.image(), s.command(), s.entrypoint(), s.environment(),
        s.ports(), s.volumes(), s.networks(), 3, null, null,
        new Healthcheck(List.of("CMD-SHELL", "test -f ready-v" + v), "100ms", "2s", 1000, ""), "always");
    return new DeploymentRequest(ID, ID, new DeploymentRequest.ComposeProject("3", ID, Map.of("app", checked),
        Map.of(), Map.of()), base.environment(), base.options());
  }

  /** "v2" for a replica of {@code version(2)}. */
  private static String versionOf(ContainerSpec spec) {
    return spec.argv().get(spec.argv().size() - 1).split(";")[0].replace("echo ", "");
  }

  private List<String> runningIds() {
    return fx.containers(ID).stream().filter(ContainerState::running).map(ContainerState::id).toList();
  }

  /** Runs passes until the deployment is running with its three replicas ready; returns the ready count of each. */
  private List<Integer> passUntilEveryReplicaIsReady() {
    List<Integer> readyAfterEachPass = new ArrayList<>();
    await().atMost(WAIT).until(() -> {
      fx.engine.reconcileAll();
      DeploymentSummary s = fx.summary(ID);
      readyAfterEachPass.add(s.readyReplicas());
      updatedAfterEachPass.add(s.updatedReplicas());
      return s.status().equals("running") && s.readyReplicas() == 3;
    });
    return readyAfterEachPass;
  }

  /** Deploys v1 and runs passes until its three replicas are ready; returns their containers. */
  private List<String> runningV1() {
    readyVersions.add("v1");
    fx.engine.deploy(Tenant.ALL, version(1));
    passUntilEveryReplicaIsReady();
    return runningIds();
  }

  /**
   * Deploys v2 over {@code v1}, runs passes until the first v2 replica runs and failed its check twice, and checks
   * that the rollout waits for it with the other two v1 replicas serving.
   */
  private void stallOnTheFirstNewReplica(List<String> v1) {
    assertThat(fx.engine.deploy(Tenant.ALL, version(2)).message()).contains("updating");
    assertThat(fx.summary(ID).status()).isEqualTo("updating");
    fx.engine.reconcileAll();
    String firstNew = runningIds().stream().filter(id -> !v1.contains(id)).findFirst().orElseThrow();
    // Passes start the probes of the containers they find running; the probes run on their own.
    await().atMost(WAIT).until(() -> {
      fx.engine.reconcileAll();
      return fx.runtime.execs(firstNew) >= 2;
    });
    fx.engine.reconcileAll();
    assertThat(fx.count(ComputeEvents.CONTAINER_REMOVED)).as("stalled on the unready replica").isEqualTo(1);
    assertThat(runningIds()).hasSize(3).filteredOn(v1::contains).hasSize(2);
    assertThat(fx.summary(ID)).extracting(DeploymentSummary::status, DeploymentSummary::readyReplicas,
        DeploymentSummary::updatedReplicas).as("two old replicas serve, none updated").containsExactly("updating", 2, 0);
  }

  @Test
  void replicasAreReplacedOneAtATimeAndNeverMoreThanOneIsDown() {
    List<String> v1 = runningV1();
    InMemoryRuntime.RunningWatch running = fx.runtime.watchRunning(Map.of(ReplicaName.DEPLOYMENT_LABEL, ID));
    stallOnTheFirstNewReplica(v1);

    updatedAfterEachPass.clear();
    readyVersions.add("v2");
    List<Integer> readyAfterEachPass = passUntilEveryReplicaIsReady();

    assertThat(runningIds()).hasSize(3).doesNotContainAnyElementsOf(v1);
    assertThat(fx.containers(ID)).allSatisfy(c -> assertThat(versionOf(fx.runtime.specOf(c.id()))).isEqualTo("v2"));
    assertThat(fx.count(ComputeEvents.CONTAINER_REMOVED)).isEqualTo(3);
    assertThat(fx.count(ComputeEvents.DEPLOYMENT_UPDATING)).isEqualTo(1);
    assertThat(running.fewest()).as("every replacement took one replica down, never two").isEqualTo(2);
    assertThat(readyAfterEachPass).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(2));
    // The update's progress, as the API reports it: it only grows, one replica at a time, up to all three.
    assertThat(updatedAfterEachPass).isSorted().endsWith(3);
    assertThat(fx.summary(ID).updatedReplicas()).isEqualTo(fx.summary(ID).readyReplicas());
  }

  @Test
  void deployingTheOldSpecAgainRollsAStalledUpdateBack() {
    List<String> v1 = runningV1();
    stallOnTheFirstNewReplica(v1);

    assertThat(fx.engine.deploy(Tenant.ALL, version(1)).message()).contains("updating");
    assertThat(fx.summary(ID).updatedReplicas()).as("the old replicas run the spec asked for again").isEqualTo(2);
    passUntilEveryReplicaIsReady();
    assertThat(fx.summary(ID).updatedReplicas()).isEqualTo(3);

    assertThat(runningIds()).hasSize(3).as("the two old replicas kept serving").filteredOn(v1::contains).hasSize(2);
    assertThat(fx.containers(ID)).allSatisfy(c -> assertThat(versionOf(fx.runtime.specOf(c.id()))).isEqualTo("v1"));
    assertThat(fx.count(ComputeEvents.CONTAINER_REMOVED)).as("the original and the unready new replica")
        .isEqualTo(2);
  }
}
