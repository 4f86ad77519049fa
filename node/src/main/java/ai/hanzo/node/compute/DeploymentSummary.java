package ai.hanzo.node.compute;

import java.util.List;

/**
 * A deployment as GetStatus and the deployment listing show it; status is one of the NODE_API status strings.
 *
 * @param org the organisation owning it (its {@link DeploymentRequest#ORG_LABEL} label), or {@code null}
 * @param replicaStatuses every desired replica (and any container still to be removed) with its state and reason
 * @param updatedReplicas the desired replicas that run a container made from the current spec and are ready: a
 *     rolling update's progress ({@code readyReplicas} when no update runs)
 */
public record DeploymentSummary(String deploymentId, String name, String status, int replicas, int readyReplicas,
    String org, List<ReplicaSummary> replicaStatuses, int updatedReplicas) {

  public DeploymentSummary {
    replicaStatuses = List.copyOf(replicaStatuses);
  }

  public DeploymentSummary(String deploymentId, String name, String status, int replicas, int readyReplicas,
      String org, List<ReplicaSummary> replicaStatuses) {
    this(deploymentId, name, status, replicas, readyReplicas, org, replicaStatuses, readyReplicas);
  }

  public DeploymentSummary(String deploymentId, String name, String status, int replicas, int readyReplicas,
      String org) {
    this(deploymentId, name, status, replicas, readyReplicas, org, List.of());
  }

  public DeploymentSummary(String deploymentId, String name, String status, int replicas, int readyReplicas) {
    this(deploymentId, name, status, replicas, readyReplicas, null);
  }
}
