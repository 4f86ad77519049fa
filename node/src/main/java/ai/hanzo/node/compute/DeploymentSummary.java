package ai.hanzo.node.compute;

/** A deployment as GetStatus and the deployment listing show it; status is one of the NODE_API status strings. */
public record DeploymentSummary(String deploymentId, String name, String status, int replicas, int readyReplicas) {}
