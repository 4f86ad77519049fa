package ai.hanzo.node.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.compute.DeploymentRequest.ComposeProject;
import ai.hanzo.node.compute.DeploymentRequest.Healthcheck;
import ai.hanzo.node.compute.DeploymentRequest.Options;
import ai.hanzo.node.compute.DeploymentRequest.ServiceDefinition;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Health checks run inside real process containers: they gate ready_replicas and restart unhealthy replicas. */
class HealthcheckIT extends WithRunningEngine {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  Path flags;

  private static DeploymentRequest withCheck(String id, String script, List<String> test, int retries) {
    ServiceDefinition service = new ServiceDefinition("", List.of("sh", "-c", script), List.of(), Map.of(),
        List.of(), List.of(), List.of(), 1, null, null, new Healthcheck(test, "200ms", "2s", retries, ""), "no");
    return new DeploymentRequest(id, id, new ComposeProject("3", id, Map.of("app", service), Map.of(), Map.of()),
        Map.of(), new Options("", "", Map.of(), null));
  }

  @Test
  void aReplicaIsReadyOnlyOnceItsCheckPasses() throws Exception {
    Path ready = flags.resolve("ready");
    fx.engine.deploy(Tenant.ALL, withCheck("gated", "exec sleep 60", List.of("CMD-SHELL", "test -f " + ready), 1000));
    await().atMost(WAIT).until(() -> fx.runtime.list(Map.of(ReplicaName.DEPLOYMENT_LABEL, "gated")).stream()
        .anyMatch(c -> c.running()));
    // Running but failing its check (retries not yet used up): not ready, still coming up.
    await().atMost(WAIT).until(() -> fx.count(ComputeEvents.CONTAINER_STARTED) >= 1);
    DeploymentSummary before = fx.engine.get(Tenant.ALL, "gated").orElseThrow();
    assertThat(before.readyReplicas()).isZero();
    assertThat(before.status()).isEqualTo("creating");

    Files.createFile(ready);
    await().atMost(WAIT).until(() -> fx.engine.get(Tenant.ALL, "gated").orElseThrow().readyReplicas() == 1);
    assertThat(fx.engine.get(Tenant.ALL, "gated").orElseThrow().status()).isEqualTo("running");
    assertThat(fx.count(ComputeEvents.CONTAINER_HEALTHY)).isEqualTo(1);
  }

  @Test
  void anUnhealthyReplicaIsRestartedInPlace() throws Exception {
    Path sick = flags.resolve("sick");
    Path pids = flags.resolve("pids");
    fx.engine.deploy(Tenant.ALL, withCheck("flaky", "echo $$ >> " + pids + "; exec sleep 60",
        List.of("CMD-SHELL", "test ! -f " + sick), 2));
    await().atMost(WAIT).until(() -> fx.engine.get(Tenant.ALL, "flaky").orElseThrow().readyReplicas() == 1);
    String container = fx.runtime.list(Map.of(ReplicaName.DEPLOYMENT_LABEL, "flaky")).get(0).id();

    Files.createFile(sick);
    await().atMost(WAIT).until(() -> fx.count(ComputeEvents.CONTAINER_UNHEALTHY) >= 1
        && fx.events().stream().anyMatch(e -> e.type().equals(ComputeEvents.CONTAINER_RESTARTED)
            && e.message().contains("unhealthy")));
    Files.delete(sick);
    await().atMost(WAIT).until(() -> fx.engine.get(Tenant.ALL, "flaky").orElseThrow().readyReplicas() == 1);
    assertThat(fx.runtime.list(Map.of(ReplicaName.DEPLOYMENT_LABEL, "flaky"))).singleElement()
        .satisfies(c -> assertThat(c.id()).as("restarted in place, not replaced").isEqualTo(container));
    assertThat(Files.readAllLines(pids)).as("the command ran again").hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void aMalformedCheckIsRefusedAtDeploy() {
    assertThatThrownBy(() -> fx.engine.deploy(Tenant.ALL, withCheckInterval("bad", "every minute")))
        .isInstanceOfSatisfying(NodeException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
          assertThat(e.getMessage()).contains("healthcheck").contains("every minute");
        });
  }

  private static DeploymentRequest withCheckInterval(String id, String interval) {
    ServiceDefinition service = new ServiceDefinition("", List.of("sleep", "60"), List.of(), Map.of(), List.of(),
        List.of(), List.of(), 1, null, null, new Healthcheck(List.of("CMD", "true"), interval, "", 0, ""), "no");
    return new DeploymentRequest(id, id, new ComposeProject("3", id, Map.of("app", service), Map.of(), Map.of()),
        Map.of(), new Options("", "", Map.of(), null));
  }
}
