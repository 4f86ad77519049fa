package ai.hanzo.node.compute;

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

class AdmissionTest {
  /** 4 CPUs and 4 GiB. */
  private final Admission admission = new Admission(new NodeCapacity(4_000_000_000L, 4L << 30));

  private static DesiredDeployment reserving(String id, int replicas, String cpus, String memory) {
    ServiceDefinition s = new ServiceDefinition("", List.of("true"), List.of(), Map.of(), List.of(), List.of(),
        List.of(), replicas, new Resources("8", "8g"), new Resources(cpus, memory), null, "no");
    return DesiredDeployment.of(new DeploymentRequest(id, id, new ComposeProject("3", id, Map.of("app", s),
        Map.of(), Map.of()), Map.of(), new Options("", "", Map.of(), null)));
  }

  @Test
  void reservationsTimesReplicasMustFitNextToWhatRuns() {
    DesiredDeployment half = reserving("half", 2, "1", "1g");
    assertThatCode(() -> admission.check(half, List.of())).doesNotThrowAnyException();
    assertThatCode(() -> admission.check(reserving("rest", 2, "1", "1g"), List.of(half)))
        .as("exactly the capacity fits").doesNotThrowAnyException();
    assertThatThrownBy(() -> admission.check(reserving("more", 1, "2.5", "1m"), List.of(half)))
        .isInstanceOfSatisfying(NodeException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED);
          assertThat(e.getMessage()).contains("'more' reserves 2.50 CPUs").contains("2.00 CPUs and 2048.0 MiB"
              + " unreserved").contains("capacity 4.00 CPUs");
        });
    assertThatThrownBy(() -> admission.check(reserving("big", 1, "0", "3g"), List.of(half)))
        .isInstanceOfSatisfying(NodeException.class, e -> assertThat(e.code())
            .isEqualTo(ErrorCode.RESOURCE_EXHAUSTED));
  }

  @Test
  void limitsStoppedDeploymentsAndTheDeploymentItselfDoNotCount() {
    DesiredDeployment stopped = reserving("stopped", 4, "1", "1g").withRunning(false);
    DesiredDeployment current = reserving("grow", 2, "1", "1g");
    assertThatCode(() -> admission.check(reserving("grow", 4, "1", "1g"), List.of(stopped, current)))
        .doesNotThrowAnyException();
  }

  private static org.assertj.core.api.AbstractComparableAssert<?, ErrorCode> assertThat(ErrorCode code) {
    return org.assertj.core.api.Assertions.assertThat(code);
  }

  private static org.assertj.core.api.AbstractStringAssert<?> assertThat(String s) {
    return org.assertj.core.api.Assertions.assertThat(s);
  }

  @Test
  void replicasOfAllRunningDeploymentsMayNotExceedTheNodesLimit() {
    Admission tiny = new Admission(new NodeCapacity(64_000_000_000L, 1L << 40, 10));
    DesiredDeployment six = reserving("six", 6, "0", "0");
    assertThatCode(() -> tiny.check(reserving("four", 4, "0", "0"), List.of(six))).as("exactly the limit fits")
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> tiny.check(reserving("five", 5, "0", "0"), List.of(six)))
        .isInstanceOfSatisfying(NodeException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED);
          assertThat(e.getMessage()).contains("'five' asks for 5 replicas").contains("at most 10")
              .contains("6 of them are taken");
        });
    assertThatCode(() -> tiny.check(reserving("five", 5, "0", "0"), List.of(six.withRunning(false))))
        .as("a stopped deployment's replicas do not count").doesNotThrowAnyException();
  }

  @Test
  void theDerivedReplicaLimitFollowsMemoryWithinItsBounds() {
    org.assertj.core.api.Assertions.assertThat(new NodeCapacity(1, 4L << 30).maxReplicas()).isEqualTo(256);
    org.assertj.core.api.Assertions.assertThat(new NodeCapacity(1, 1L << 20).maxReplicas()).isEqualTo(NodeCapacity.FEWEST_REPLICAS);
    org.assertj.core.api.Assertions.assertThat(new NodeCapacity(1, 1L << 50).maxReplicas()).isEqualTo(NodeCapacity.MOST_REPLICAS);
  }
}
