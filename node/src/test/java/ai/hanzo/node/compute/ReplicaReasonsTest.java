package ai.hanzo.node.compute;

import static ai.hanzo.node.compute.ComputeFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.runtime.ContainerRuntimeException;
import ai.hanzo.node.runtime.ContainerState;
import ai.hanzo.node.runtime.RuntimeErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each replica that does not run says why, like the kubelet's waiting reasons: with the in-memory runtime and a
 * hand-moved clock (the backoff waits only when the test advances it); the loop is not started, the test runs the
 * passes.
 */
class ReplicaReasonsTest extends WithMemoryEngine {

  private List<ReplicaSummary> replicas(String id) {
    return fx.engine.get(Tenant.ALL, id).orElseThrow().replicaStatuses();
  }

  private ReplicaSummary only(String id) {
    List<ReplicaSummary> all = replicas(id);
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  @Test
  void aCrashLoopingReplicaWaitsInCrashLoopBackOffWithItsNextRetryAndRestartCount() {
    fx.engine.deploy(Tenant.ALL, request("crashy", "app", 1, "always", "sleep 600"));
    fx.engine.reconcileAll();
    assertThat(only("crashy")).extracting(ReplicaSummary::state, ReplicaSummary::reason)
        .containsExactly(ReplicaSummary.RUNNING, "");
    ContainerState c = fx.containers("crashy").get(0);

    fx.runtime.exit(c.id(), 127);
    Instant exitedAt = fx.clock.instant();
    fx.engine.reconcileAll();
    ReplicaSummary first = only("crashy");
    assertThat(first.state()).isEqualTo(ReplicaSummary.WAITING);
    assertThat(first.reason()).isEqualTo("CrashLoopBackOff");
    assertThat(first.containerId()).isEqualTo(c.id());
    assertThat(first.exitCode()).isEqualTo(127);
    assertThat(first.restartCount()).isZero();
    assertThat(first.message()).contains("exit code 127 (command not found)").contains("restart 1");
    // The first backoff is 200 ms scaled by [0.5, 1).
    assertThat(first.nextRetryEpochMillis()).isBetween(exitedAt.plusMillis(100).toEpochMilli(),
        exitedAt.plusMillis(200).toEpochMilli());
    ContainerService.ContainerSummary viaContainers = fx.engine.engine().containers().inspect(Tenant.ALL, c.id());
    assertThat(viaContainers.reason()).isEqualTo("CrashLoopBackOff");
    assertThat(viaContainers.nextRetryEpochMillis()).isEqualTo(first.nextRetryEpochMillis());

    fx.clock.advance(Duration.ofMillis(201));
    fx.engine.reconcileAll();
    assertThat(only("crashy")).extracting(ReplicaSummary::state, ReplicaSummary::reason,
        ReplicaSummary::restartCount).containsExactly(ReplicaSummary.RUNNING, "", 1);
    assertThat(fx.engine.engine().containers().inspect(Tenant.ALL, c.id()).reason()).isEmpty();

    fx.runtime.exit(c.id(), 1);
    Instant secondExit = fx.clock.instant();
    fx.engine.reconcileAll();
    ReplicaSummary second = only("crashy");
    assertThat(second.reason()).isEqualTo("CrashLoopBackOff");
    assertThat(second.restartCount()).isEqualTo(1);
    assertThat(second.message()).contains("exit code 1").contains("restart 2");
    // The second backoff doubles: 400 ms scaled by [0.5, 1).
    assertThat(second.nextRetryEpochMillis()).isBetween(secondExit.plusMillis(200).toEpochMilli(),
        secondExit.plusMillis(400).toEpochMilli());
  }

  @Test
  void aReplicaThatEndedForGoodIsTerminatedWithItsExitCode() {
    fx.engine.deploy(Tenant.ALL, request("once", "app", 1, "no", "sleep 600"));
    fx.engine.reconcileAll();
    fx.runtime.exit(fx.containers("once").get(0).id(), 127);
    fx.engine.reconcileAll();
    assertThat(only("once")).extracting(ReplicaSummary::state, ReplicaSummary::reason, ReplicaSummary::exitCode,
        ReplicaSummary::message, ReplicaSummary::nextRetryEpochMillis)
        .containsExactly(ReplicaSummary.TERMINATED, "Error", 127, "exit code 127 (command not found)", 0L);
  }

  @Test
  void aReplicaWhoseImageIsGoneWaitsWithImageNotFoundUntilItCanBeCreated() {
    fx.runtime.failCreates(spec -> true,
        spec -> new ContainerRuntimeException(RuntimeErrorCode.NOT_FOUND, "image 'web:1' is not in the store"));
    fx.engine.deploy(Tenant.ALL, request("noimage", "web", 2, "always", "sleep 600"));
    // Deploy wakes the deployment's worker at once, on a thread of its own: it may have tried a replica already.
    assertThat(replicas("noimage")).as("before the test's pass: waiting for their turn, or for the image")
        .extracting(ReplicaSummary::reason).hasSize(2).isSubsetOf("Pending", "ImageNotFound");

    Instant failedAt = fx.clock.instant();
    fx.engine.reconcileAll();
    List<ReplicaSummary> waiting = replicas("noimage");
    assertThat(waiting).extracting(ReplicaSummary::name).containsExactly("noimage-web-1", "noimage-web-2");
    assertThat(waiting).allSatisfy(r -> {
      assertThat(r.state()).isEqualTo(ReplicaSummary.WAITING);
      assertThat(r.reason()).isEqualTo("ImageNotFound");
      assertThat(r.containerId()).isEmpty();
      assertThat(r.message()).contains("image 'web:1' is not in the store");
      assertThat(r.restartCount()).isEqualTo(1);
      assertThat(r.nextRetryEpochMillis()).isGreaterThan(failedAt.toEpochMilli());
    });
    assertThat(fx.engine.statusSnapshot(Tenant.ALL).get(0).replicaStatuses()).as("GetStatus from memory too")
        .extracting(ReplicaSummary::reason).containsExactly("ImageNotFound", "ImageNotFound");

    fx.runtime.failCreates(spec -> false);
    fx.clock.advance(Duration.ofSeconds(1));
    fx.engine.reconcileAll();
    assertThat(replicas("noimage")).extracting(ReplicaSummary::state, ReplicaSummary::reason)
        .containsOnly(org.assertj.core.groups.Tuple.tuple(ReplicaSummary.RUNNING, ""));
  }

  @Test
  void aRuntimeThatRefusesTheSpecSaysRuntimeRefusedWithABoundedMessage() {
    String huge = "x".repeat(5000);
    fx.runtime.failCreates(spec -> true, spec -> ContainerRuntimeException.invalidSpec("refused: " + huge));
    fx.engine.deploy(Tenant.ALL, request("refused", "app", 1, "always", "sleep 600"));
    fx.engine.reconcileAll();
    ReplicaSummary r = only("refused");
    assertThat(r.reason()).isEqualTo("RuntimeRefused");
    assertThat(r.message()).hasSize(ReplicaReasons.MAX_MESSAGE).startsWith("INVALID_SPEC: refused: xxx")
        .endsWith("...");
  }

  @Test
  void scalingDownForgetsTheReasonsOfTheReplicasThatWent() {
    fx.runtime.failCreates(spec -> true);
    fx.engine.deploy(Tenant.ALL, request("shrink", "app", 3, "always", "sleep 600"));
    fx.engine.reconcileAll();
    assertThat(replicas("shrink")).extracting(ReplicaSummary::reason).containsOnly("CreateFailed");

    fx.engine.scale(Tenant.ALL, "shrink", "app", 1);
    fx.runtime.failCreates(spec -> false);
    fx.engine.scale(Tenant.ALL, "shrink", "app", 3);
    assertThat(replicas("shrink")).as("replicas 2 and 3 are new: their old failures went with the scale-down")
        .extracting(ReplicaSummary::reason).containsExactly("CreateFailed", "Pending", "Pending");
  }
}
