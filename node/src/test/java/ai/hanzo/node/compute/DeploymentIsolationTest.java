package ai.hanzo.node.compute;

import static ai.hanzo.node.compute.ComputeFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.runtime.ContainerSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * One deployment never holds up another: not when the runtime throws at its creates, not when its creates hang, and
 * Stop and Remove of it answer at once, whatever its rollout is doing (issue 12 items 3 and 6).
 */
class DeploymentIsolationTest extends WithMemoryEngine {
  /** Generous for a busy 2-core machine; without the workers these calls never return. */
  private static final Duration PROMPTLY = Duration.ofSeconds(5);
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Override
  MemoryEngine engine(Path dataDir) {
    return new MemoryEngine(dataDir).start();
  }

  private static Predicate<ContainerSpec> of(String deploymentId) {
    return spec -> deploymentId.equals(spec.labels().get(ReplicaName.DEPLOYMENT_LABEL));
  }

  /** Runs {@code call} on another thread and fails unless it returns within {@link #PROMPTLY}. */
  private static <T> T promptly(java.util.function.Supplier<T> call) throws Exception {
    return CompletableFuture.supplyAsync(call).get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Test
  void aDeploymentWhoseCreatesThrowDoesNotDelayAnother() throws Exception {
    // Named to sort first: it is reconciled before the healthy one.
    fx.runtime.failCreates(of("a-broken"), spec -> new IllegalArgumentException("invalid environment variable"));
    promptly(() -> fx.engine.deploy(Tenant.ALL, request("a-broken", "app", 1, "always", "sleep 600")));
    promptly(() -> fx.engine.deploy(Tenant.ALL, request("b-healthy", "app", 3, "always", "sleep 600")));

    await().atMost(WAIT).until(() -> fx.running("b-healthy") == 3);
    assertThat(fx.containers("a-broken")).isEmpty();
    await().atMost(WAIT).until(() -> fx.events().stream().anyMatch(e -> e.type().equals(
        ComputeEvents.CONTAINER_FAILED) && e.message().contains("invalid environment variable")));
  }

  @Test
  void aDeploymentWhoseCreatesHangDoesNotDelayAnotherAndRemoveAnswersAtOnce() throws Exception {
    fx.runtime.blockCreates(of("a-stuck"));
    promptly(() -> fx.engine.deploy(Tenant.ALL, request("a-stuck", "app", 5, "always", "sleep 600")));
    promptly(() -> fx.engine.deploy(Tenant.ALL, request("b-healthy", "app", 3, "always", "sleep 600")));

    await().atMost(WAIT).until(() -> fx.running("b-healthy") == 3);

    promptly(() -> {
      fx.engine.remove(Tenant.ALL, "a-stuck", false);
      return null;
    });
    assertThat(fx.engine.get(Tenant.ALL, "a-stuck")).isEmpty();

    fx.runtime.releaseCreates();
    await().atMost(WAIT).until(() -> fx.containers("a-stuck").isEmpty());
    assertThat(fx.runtime.creates()).as("the hung create finished, no further one was made")
        .isLessThanOrEqualTo(3 + 1);
    assertThat(fx.running("b-healthy")).isEqualTo(3);
  }

  @Test
  void stopOfADeploymentWhoseCreateHangsAnswersAtOnceAndItsRolloutStops() throws Exception {
    fx.runtime.blockCreates(of("rollout"));
    promptly(() -> fx.engine.deploy(Tenant.ALL, request("rollout", "app", 50, "always", "sleep 600")));
    promptly(() -> {
      fx.engine.stop(Tenant.ALL, "rollout", false);
      return null;
    });

    fx.runtime.releaseCreates();
    await().atMost(WAIT).until(() -> fx.engine.get(Tenant.ALL, "rollout").orElseThrow().status().equals("stopped"));
    assertThat(fx.runtime.creates()).as("the rollout stopped within the create it was in").isLessThanOrEqualTo(1);
  }
}
