package ai.hanzo.node.compute;

import static ai.hanzo.node.compute.ComputeFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.events.DomainEvent;
import ai.hanzo.node.runtime.ContainerRuntimeException;
import ai.hanzo.node.runtime.ContainerState;
import ai.hanzo.node.runtime.ContainerStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The reconciler over the in-memory runtime: deploy, scale, stop, remove, restart policies, re-adoption by a new
 * engine, replicas that cannot be created, refused specs. The loop is off unless a test starts it: the test runs
 * the passes ({@code reconcileAll}) and moves the clock past restart backoffs, so nothing waits for real time.
 */
class ReconcilerMemoryTest extends WithMemoryEngine {
  private static final Duration WAIT = Duration.ofSeconds(10);
  /** More than any first or second restart backoff (200 ms and 400 ms, scaled by [0.5, 1)). */
  private static final Duration PAST_BACKOFF = Duration.ofSeconds(1);
  private static final String SLEEPER = "echo \"$GREETING\"; exec sleep 60";
  private static final String STUBBORN = "trap '' TERM; while true; do sleep 1; done";


  private List<String> ids(String deploymentId) {
    return fx.containers(deploymentId).stream().map(ContainerState::id).sorted().toList();
  }

  private static void assertCode(Throwable thrown, ErrorCode code) {
    assertThat(thrown).isInstanceOfSatisfying(NodeException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  @Test
  void deployRunsOneLabelledContainerPerReplicaAndIsIdempotent() {
    var result = fx.engine.deploy(Tenant.ALL, request("web", "app", 2, "no", SLEEPER));
    assertThat(result.deploymentId()).isEqualTo("web");
    assertThat(fx.db.deployments().get("web")).as("stored before the call returned").isPresent();

    fx.engine.reconcileAll();
    DeploymentSummary running = fx.summary("web");
    assertThat(running.status()).isEqualTo("running");
    assertThat(running.readyReplicas()).isEqualTo(2);
    assertThat(fx.containers("web")).extracting(ContainerState::name)
        .containsExactlyInAnyOrder("web-app-1", "web-app-2");
    assertThat(fx.containers("web")).allSatisfy(c -> assertThat(c.labels())
        .containsEntry(ReplicaName.SERVICE_LABEL, "app").containsEntry(ReplicaName.NODE_LABEL, MemoryEngine.NODE)
        .containsKey(ReplicaName.REPLICA_LABEL).containsKey(ReplicaSpecs.SPEC_LABEL));

    fx.engine.deploy(Tenant.ALL, request("web", "app", 2, "no", SLEEPER));
    fx.engine.reconcileAll();
    fx.engine.reconcileAll();
    assertThat(fx.containers("web")).as("the same spec again creates nothing").hasSize(2);
    assertThat(fx.runtime.creates()).isEqualTo(2);
    assertThat(fx.count(ComputeEvents.DEPLOYMENT_CREATED)).isEqualTo(1);
    assertThat(fx.count(ComputeEvents.DEPLOYMENT_UPDATING)).isZero();
    assertThat(fx.count(ComputeEvents.CONTAINER_STARTED)).isEqualTo(2);
  }

  @Test
  void aStoppedDeploymentDeployedAgainStartsEvenWithoutARestartPolicy() {
    fx.engine.deploy(Tenant.ALL, request("pausable", "app", 2, "no", SLEEPER));
    fx.engine.reconcileAll();
    List<String> before = ids("pausable");
    fx.engine.stop(Tenant.ALL, "pausable", false);
    fx.engine.reconcileAll();
    assertThat(fx.summary("pausable").status()).isEqualTo("stopped");
    assertThat(fx.containers("pausable")).noneMatch(ContainerState::running);

    fx.engine.deploy(Tenant.ALL, request("pausable", "app", 2, "no", SLEEPER));
    fx.engine.reconcileAll();
    assertThat(fx.summary("pausable").status()).isEqualTo("running");
    assertThat(fx.containers("pausable")).as("the stop's containers start again, not new ones").hasSize(2)
        .allMatch(ContainerState::running);
    assertThat(ids("pausable")).isEqualTo(before);
    assertThat(fx.count(ComputeEvents.CONTAINER_CREATED)).isEqualTo(2);
  }

  @Test
  void scaleUpAndDownRemovesTheNewestReplicasFirst() {
    fx.engine.deploy(Tenant.ALL, request("api", "svc", 1, "no", SLEEPER));
    fx.engine.reconcileAll();
    String first = fx.containers("api").get(0).id();

    assertThat(fx.engine.scale(Tenant.ALL, "api", "svc", 3)).isEqualTo(new DeploymentService.ScaleResult(1, 3));
    fx.engine.reconcileAll();
    assertThat(fx.summary("api").readyReplicas()).isEqualTo(3);
    assertThat(fx.engine.scale(Tenant.ALL, "api", "svc", 1)).isEqualTo(new DeploymentService.ScaleResult(3, 1));
    fx.engine.reconcileAll();
    assertThat(fx.containers("api")).singleElement().satisfies(c -> {
      assertThat(c.name()).isEqualTo("api-svc-1");
      assertThat(c.id()).as("the oldest replica stays").isEqualTo(first);
    });
    assertThat(fx.events()).filteredOn(e -> e.type().equals(ComputeEvents.CONTAINER_REMOVED))
        .extracting(e -> e.attributes().get("container")).containsExactly("api-svc-3", "api-svc-2");
    assertThat(fx.summary("api")).extracting(DeploymentSummary::status, DeploymentSummary::replicas)
        .containsExactly("running", 1);

    assertCode(catchThrowable(() -> fx.engine.scale(Tenant.ALL, "api", "nope", 2)), ErrorCode.INVALID_ARGUMENT);
    assertCode(catchThrowable(() -> fx.engine.scale(Tenant.ALL, "ghost", "svc", 2)), ErrorCode.NOT_FOUND);
  }

  @Test
  void stopEndsTheContainersAndRemoveDeletesEverything() {
    fx.engine.deploy(Tenant.ALL, request("job", "w", 2, "always", SLEEPER));
    fx.engine.reconcileAll();

    fx.engine.stop(Tenant.ALL, "job", false);
    fx.engine.reconcileAll();
    assertThat(fx.summary("job")).extracting(DeploymentSummary::status, DeploymentSummary::readyReplicas)
        .containsExactly("stopped", 0);
    assertThat(fx.containers("job")).as("ended by SIGTERM within the grace")
        .allSatisfy(c -> assertThat(c.exitCode()).hasValue(143));
    fx.advance(PAST_BACKOFF);
    fx.engine.reconcileAll();
    assertThat(fx.containers("job")).as("a stopped deployment is not restarted despite 'always'")
        .allMatch(c -> c.status() == ContainerStatus.EXITED);
    assertThat(fx.count(ComputeEvents.CONTAINER_RESTARTED)).isZero();

    fx.engine.remove(Tenant.ALL, "job", true);
    assertThat(fx.engine.get(Tenant.ALL, "job")).as("forgotten when Remove returns").isEmpty();
    fx.engine.reconcileAll();
    assertThat(fx.containers("job")).isEmpty();
    // the removal may be the worker's own pass, started by Remove, still publishing its last event (CI once saw 1)
    await().atMost(WAIT).untilAsserted(() -> assertThat(fx.count(ComputeEvents.CONTAINER_REMOVED)).isEqualTo(2));
    assertCode(catchThrowable(() -> fx.engine.remove(Tenant.ALL, "job", false)), ErrorCode.NOT_FOUND);
  }

  @Test
  void replicasThatIgnoreSigtermShareOneGraceWhenTheirDeploymentIsStoppedOrRemoved() throws Exception {
    fx.engine.deploy(Tenant.ALL, request("stubborn", "app", 3, "always", STUBBORN));
    fx.engine.deploy(Tenant.ALL, request("gone", "app", 3, "always", STUBBORN));
    fx.engine.reconcileAll();
    assertThat(fx.running("stubborn") + fx.running("gone")).isEqualTo(6);

    fx.engine.stop(Tenant.ALL, "stubborn", false);
    fx.engine.remove(Tenant.ALL, "gone", false);
    CompletableFuture<Void> pass = CompletableFuture.runAsync(fx.engine::reconcileAll);
    // Both deployments' workers signal all their replicas, then wait out one grace each, side by side.
    await().atMost(WAIT).until(() -> fx.runtime.stopsWaitingOutTheirGrace() == 2);
    assertThat(fx.running("stubborn") + fx.running("gone")).as("SIGTERM is trapped: all run on").isEqualTo(6);
    fx.advance(MemoryEngine.STOP_GRACE);
    // One grace later every replica is gone, not one per grace (which would leave four running here).
    pass.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(fx.containers("stubborn")).hasSize(3).allSatisfy(c -> assertThat(c.exitCode()).hasValue(137));
    assertThat(fx.containers("gone")).isEmpty();
    assertThat(fx.count(ComputeEvents.CONTAINER_STOPPED)).isEqualTo(6);
  }

  @Test
  void aRemoveTakenBackMidwayStartsTheReplicasItHadSignalledWhateverTheirPolicy() {
    fx.engine.deploy(Tenant.ALL, request("flip", "app", 2, "no", SLEEPER));
    fx.engine.reconcileAll();
    List<String> before = ids("flip");
    takeBackAtTheFirstSignal(() -> fx.engine.deploy(Tenant.ALL, request("flip", "app", 2, "no", SLEEPER)));

    fx.engine.remove(Tenant.ALL, "flip", false);
    fx.engine.reconcileAll();
    fx.engine.reconcileAll();
    assertThat(fx.summary("flip")).as("the SIGTERM was the node's, not the workload's exit")
        .extracting(DeploymentSummary::status, DeploymentSummary::readyReplicas).containsExactly("running", 2);
    assertThat(ids("flip")).as("the same containers").isEqualTo(before);
    assertThat(fx.containers("flip")).allMatch(ContainerState::running);
  }

  @Test
  void aScaleDownTakenBackMidwayStartsTheReplicasItHadSignalled() {
    fx.engine.deploy(Tenant.ALL, request("wave", "app", 3, "no", SLEEPER));
    fx.engine.reconcileAll();
    takeBackAtTheFirstSignal(() -> fx.engine.scale(Tenant.ALL, "wave", "app", 3));

    fx.engine.scale(Tenant.ALL, "wave", "app", 1);
    fx.engine.reconcileAll();
    fx.engine.reconcileAll();
    assertThat(fx.summary("wave")).extracting(DeploymentSummary::status, DeploymentSummary::readyReplicas)
        .containsExactly("running", 3);
    assertThat(fx.containers("wave")).hasSize(3).allMatch(ContainerState::running);
  }

  /** Runs {@code change} (once) right after the runtime delivered the first signal, as a racing API call would. */
  private void takeBackAtTheFirstSignal(Runnable change) {
    java.util.concurrent.atomic.AtomicBoolean once = new java.util.concurrent.atomic.AtomicBoolean();
    fx.runtime.afterKill(id -> {
      if (once.compareAndSet(false, true)) {
        change.run();
      }
    });
  }

  @Test
  void onFailureRestartsUpToItsLimitThenTheDeploymentHasFailed() {
    fx.engine.deploy(Tenant.ALL, request("crash", "c", 1, "on-failure:2", "exit 3"));
    for (int pass = 0; pass < 10; pass++) {
      fx.engine.reconcileAll();
      fx.advance(PAST_BACKOFF);
    }
    DeploymentSummary failed = fx.summary("crash");
    assertThat(failed.status()).isEqualTo("failed");
    assertThat(failed.readyReplicas()).isZero();
    assertThat(fx.count(ComputeEvents.CONTAINER_RESTARTED)).isEqualTo(2);
    assertThat(fx.count(ComputeEvents.CONTAINER_EXITED)).as("the first run and two restarts").isEqualTo(3);
    assertThat(fx.containers("crash")).singleElement().satisfies(c -> assertThat(c.exitCode()).hasValue(3));
  }

  @Test
  void policyNoLeavesACleanExitAlone() {
    fx.engine.deploy(Tenant.ALL, request("once", "c", 1, "no", "exit 0"));
    fx.engine.reconcileAll();
    fx.engine.reconcileAll();
    fx.advance(PAST_BACKOFF);
    fx.engine.reconcileAll();
    assertThat(fx.count(ComputeEvents.CONTAINER_EXITED)).isEqualTo(1);
    assertThat(fx.count(ComputeEvents.CONTAINER_RESTARTED)).isZero();
    assertThat(fx.summary("once").status()).isEqualTo("stopped");
    assertThat(fx.containers("once")).singleElement().satisfies(c -> assertThat(c.exitCode()).hasValue(0));
  }

  @Test
  void aNewEngineReadoptsRunningReplicasRestartsDeadOnesAndRemovesOrphans() {
    fx.engine.deploy(Tenant.ALL, request("keep", "s", 2, "always", SLEEPER));
    fx.engine.reconcileAll();
    List<String> ids = ids("keep");

    fx.restart();
    String dead = fx.containers("keep").get(0).id();
    fx.runtime.kill(dead, "KILL");
    String orphan = fx.runtime.create(new ReplicaSpecs(dataDir.resolve("volumes"))
        .spec(request("gone", "s", 1, "no", SLEEPER), new ReplicaName("gone", "s", 1), MemoryEngine.NODE));
    fx.runtime.start(orphan);

    fx.start(); // the loop, as a node start runs it
    await().atMost(WAIT).until(() -> fx.containers("gone").isEmpty()
        && fx.count(ComputeEvents.CONTAINER_ADOPTED) == 1 && fx.count(ComputeEvents.CONTAINER_EXITED) == 1);
    assertThat(fx.runtime.inspect(dead).running()).as("backing off on the clock").isFalse();
    fx.advance(PAST_BACKOFF);
    await().atMost(WAIT).until(() -> fx.running("keep") == 2);
    assertThat(ids("keep")).as("the same containers, no duplicates").isEqualTo(ids);
    assertThat(fx.count(ComputeEvents.CONTAINER_RESTARTED)).isEqualTo(1);
    assertThat(fx.count(ComputeEvents.CONTAINER_CREATED)).as("only the first engine created any").isEqualTo(2);
    assertThat(fx.summary("keep").status()).isEqualTo("running");
  }

  @Test
  void aReplicaTheRuntimeCannotCreateIsReportedAndRetriedWithBackoff() {
    fx.runtime.failCreates(spec -> true, spec -> ContainerRuntimeException.invalidSpec("no command for "
        + spec.name()));
    fx.engine.deploy(Tenant.ALL, request("img", "s", 1, "no", SLEEPER));
    for (int pass = 0; pass < 3; pass++) {
      fx.engine.reconcileAll();
    }
    assertThat(fx.count(ComputeEvents.CONTAINER_FAILED)).as("tried once, then backing off").isEqualTo(1);
    fx.advance(PAST_BACKOFF);
    fx.engine.reconcileAll();
    assertThat(fx.count(ComputeEvents.CONTAINER_FAILED)).as("retried after the backoff").isEqualTo(2);
    assertThat(fx.events()).filteredOn(e -> e.type().equals(ComputeEvents.CONTAINER_FAILED))
        .extracting(DomainEvent::message).allMatch(m -> m.contains("no command for img-s-1"));
    assertThat(fx.summary("img").status()).isEqualTo("pending");
    assertThat(fx.containers("img")).isEmpty();

    fx.runtime.failCreates(spec -> false);
    fx.advance(PAST_BACKOFF);
    fx.engine.reconcileAll();
    assertThat(fx.summary("img").status()).as("comes up once the runtime creates it").isEqualTo("running");
  }

  @Test
  void badSpecsAreRefusedNamingTheField() {
    assertThatThrownBy(() -> fx.engine.deploy(Tenant.ALL, request("bad", "s", 1, "sometimes", SLEEPER)))
        .hasMessageContaining("spec.services.s.restart");
    assertThatThrownBy(() -> fx.engine.deploy(Tenant.ALL, request("../etc", "s", 1, "no", SLEEPER)))
        .hasMessageContaining("deployment_id");
    assertThatThrownBy(() -> fx.engine.deploy(Tenant.ALL, request("ok", "s/x", 1, "no", SLEEPER)))
        .hasMessageContaining("spec.services.s/x");
    assertThatThrownBy(() -> fx.engine.deploy(Tenant.ALL, request("ok", "s", -1, "no", SLEEPER)))
        .hasMessageContaining("spec.services.s.deploy.replicas");
    assertThat(fx.engine.list(Tenant.ALL)).isEmpty();
    assertThat(fx.runtime.creates()).isZero();
  }

  @Test
  void aContainerImageOnAHostProcessRuntimeIsRefusedAtOnce() {
    DeploymentRequest base = request("img", "s", 1, "no", SLEEPER);
    var service = base.project().services().get("s");
    var busybox = new DeploymentRequest.ServiceDefinition("busybox", service.command(), service.entrypoint(),
        service.environment(), service.ports(), service.volumes(), service.networks(), 2, null, null, null, "no");
    assertThatThrownBy(() -> fx.engine.deploy(Tenant.ALL, new DeploymentRequest("img", "img",
        new DeploymentRequest.ComposeProject("3", "img", Map.of("s", busybox), Map.of(), Map.of()), Map.of(),
        base.options())))
        .isInstanceOfSatisfying(NodeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION))
        .hasMessageContaining("spec.services.s.image").hasMessageContaining("runtime 'process'")
        .hasMessageContaining("install runc or Podman").hasMessageContaining("image: process");
    assertThat(fx.engine.list(Tenant.ALL)).as("nothing stored").isEmpty();
  }
}
