package ai.hanzo.node.api;

import ai.hanzo.node.compute.ContainerService.ContainerSummary;
import ai.hanzo.node.compute.DeploymentService;
import ai.hanzo.node.compute.DeploymentSummary;
import ai.hanzo.node.compute.ReplicaName;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Containers belong to the org of their deployment: a caller sees a container when it sees the deployment its
 * replica label names. Containers of no deployment (not the node's own) are for callers who see every org.
 */
final class ContainerScope {
  private final OrgScope scope;
  private final Map<String, DeploymentSummary> deployments;

  private ContainerScope(OrgScope scope, Map<String, DeploymentSummary> deployments) {
    this.scope = scope;
    this.deployments = deployments;
  }

  /** Reads the deployments once per call, and only when the caller is scoped at all. */
  static ContainerScope of(OrgScope scope, DeploymentService deployments) {
    return new ContainerScope(scope, scope.all() ? Map.of()
        : deployments.list().stream().collect(Collectors.toMap(DeploymentSummary::deploymentId, d -> d)));
  }

  boolean sees(ContainerSummary container) {
    if (scope.all()) {
      return true;
    }
    DeploymentSummary owner = deployments.get(container.labels().get(ReplicaName.DEPLOYMENT_LABEL));
    return owner != null && scope.sees(owner);
  }
}
