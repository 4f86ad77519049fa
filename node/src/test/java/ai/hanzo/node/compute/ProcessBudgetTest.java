package ai.hanzo.node.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.compute.DeploymentRequest.ComposeProject;
import ai.hanzo.node.compute.DeploymentRequest.Options;
import ai.hanzo.node.compute.DeploymentRequest.Resources;
import ai.hanzo.node.compute.DeploymentRequest.ServiceDefinition;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The node-wide process budget at admission: every running replica counts its pids limit (its spec's, else the
 * node's default), stopped deployments and the deployment being changed itself do not, and a refusal names what was
 * asked for, what is used and the budget.
 */
class ProcessBudgetTest {
  /** 10,000 processes; a replica without a pids limit of its own counts 1,024. */
  private final Admission admission = new Admission(new NodeCapacity(64_000_000_000L, 1L << 40)
      .withProcesses(new ProcessBudget(10_000, 1024)));

  private static DesiredDeployment deployment(String id, int replicas, long pids) {
    ServiceDefinition s = new ServiceDefinition("process", List.of("sleep", "60"), List.of(), Map.of(), List.of(),
        List.of(), List.of(), replicas, pids == 0 ? null : new Resources("", "", pids), null, null, "no");
    return DesiredDeployment.of(new DeploymentRequest(id, id, new ComposeProject("3", id, Map.of("app", s),
        Map.of(), Map.of()), Map.of(), new Options("", "", Map.of(), null)));
  }

  @Test
  void eachReplicaCountsItsOwnPidsLimitElseTheNodesDefault() {
    ProcessBudget budget = new ProcessBudget(10_000, 1024);
    assertThat(budget.of(deployment("own", 3, 50))).isEqualTo(150);
    assertThat(budget.of(deployment("default", 3, 0))).isEqualTo(3 * 1024);
    assertThat(budget.of(deployment("stopped", 3, 50).withRunning(false))).isZero();
    assertThat(new ProcessBudget(10_000, 0).of(deployment("unlimited", 3, 0)))
        .as("no limit anywhere: one process each").isEqualTo(3);
  }

  @Test
  void aDeployBeyondTheBudgetIsResourceExhaustedNamingUsedRequestedAndLimit() {
    DesiredDeployment eight = deployment("eight", 8, 0); // 8,192 processes
    assertThatCode(() -> admission.check(deployment("fits", 18, 100), List.of(eight)))
        .as("8,192 + 1,800 = 9,992 fits").doesNotThrowAnyException();
    assertThatThrownBy(() -> admission.check(deployment("more", 2, 0), List.of(eight)))
        .isInstanceOfSatisfying(NodeException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED);
          assertThat(e.getMessage()).contains("'more' needs 2048 processes").contains("process budget is 10000")
              .contains("8192 of them are used").contains("--max-processes");
          assertThat(e.details()).containsEntry("deployment_id", "more");
        });
  }

  @Test
  void aScaleIsCheckedWithoutTheDeploymentsOwnCurrentReplicasAndStoppedOnesDoNotCount() {
    DesiredDeployment current = deployment("grow", 8, 0);
    assertThatCode(() -> admission.check(deployment("grow", 9, 0), List.of(current)))
        .as("9 x 1,024 fits once its own 8 are not counted twice").doesNotThrowAnyException();
    assertThatThrownBy(() -> admission.check(deployment("grow", 10, 0), List.of(current)))
        .isInstanceOf(NodeException.class).hasMessageContaining("needs 10240 processes");
    assertThatCode(() -> admission.check(deployment("new", 9, 0), List.of(current.withRunning(false))))
        .doesNotThrowAnyException();
  }

  @Test
  void withoutABudgetNothingIsCounted() {
    Admission unlimited = new Admission(new NodeCapacity(64_000_000_000L, 1L << 40));
    assertThatCode(() -> unlimited.check(deployment("big", 1000, 4_194_304), List.of(deployment("other", 1000, 0))))
        .doesNotThrowAnyException();
  }

  @Test
  void aBudgetBelowOneIsRefused() {
    assertThatThrownBy(() -> new ProcessBudget(0, 1024)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ProcessBudget(10, -1)).isInstanceOf(IllegalArgumentException.class);
  }
}
