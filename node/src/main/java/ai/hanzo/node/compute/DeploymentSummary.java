package ai.hanzo.node.compute;

/**
 * A deployment as GetStatus and the deployment listing show it; status is one of the NODE_API status strings.
 *
 * @param org the organisation owning it (its {@link DeploymentRequest#ORG_LABEL} label), or {@code null}
 */
public record DeploymentSummary(String deploymentId, String name, String status, int replicas, int readyReplicas,
    String org) {

  public DeploymentSummary(String deploymentId, String name, String status, int replicas, int readyReplicas) {
    this(deploymentId, name, status, replicas, readyReplicas, null);
  }
}
