package ai.hanzo.node.client;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.api.v1.DeploymentStatus;
import org.junit.jupiter.api.Test;

/** The wire's deployment as the client's record: each count from its own field. */
class WorkloadAnswersTest {
  @Test
  void readyAndUpdatedReplicasAreDistinct() {
    // a rolling update half-way: 3 wanted, 2 ready, 1 of them from the new spec
    Deployment d = WorkloadAnswers.deployment(DeploymentStatus.newBuilder().setDeploymentId("shop-1")
        .setReplicas(3).setReadyReplicas(2).setUpdatedReplicas(1).setNodeId("node-a").build());
    assertThat(d.replicas()).isEqualTo(3);
    assertThat(d.readyReplicas()).isEqualTo(2);
    assertThat(d.updatedReplicas()).isEqualTo(1);
    assertThat(d.nodeId()).isEqualTo("node-a");
  }
}
