package ai.hanzo.node.compute;

import java.util.List;

/**
 * A deployment as GetStatus and the deployment listing show it; status is one of the NODE_API status strings.
 *
 * @param org the organisation owning it (its {@link DeploymentRequest#ORG_LABEL} label), or {@code null}
 * @param replicaStatuses every desired replica (and any container still to be removed) with its state and reason
 */
public record DeploymentSummary(String deploymentId, String name, String status, int replicas, int readyReplicas,
    String org, List<ReplicaSummary> replicaStatuses) {

  public DeploymentSummary {
    replicaStatuses = List.copyOf(replicaStatuses);
  }

  public DeploymentSummary(String deploymentId, String name, String status, int replicas, int readyReplicas,
      String org) {
    this(deploymentId, name, status, replicas, readyReplicas, org, List.of());
  }

  public DeploymentSummary(String deploymentId, String name, String status, int replicas, int readyReplicas) {
    this(deploymentId, name, status, replicas, readyReplicas, null);
  }
}
