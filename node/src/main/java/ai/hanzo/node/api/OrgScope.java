package ai.hanzo.node.api;

import ai.hanzo.node.compute.DeploymentService;
import ai.hanzo.node.compute.DeploymentSummary;
import ai.hanzo.node.error.NodeException;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.netty.util.AttributeKey;
import java.util.Objects;

/**
 * Which organisations' deployments (and their containers and logs) the current caller sees. Admins and nodes
 * without IAM see all; everyone else sees only the deployments of their own org (a caller without an org: only
 * deployments without one). A deployment outside the scope answers NOT_FOUND, exactly as a missing one, so ids of
 * other orgs do not leak.
 *
 * @param all whether the caller sees every org (admins, nodes without IAM)
 * @param org the caller's own org, which also owns what the caller deploys; {@code null} for none
 */
public record OrgScope(boolean all, String org) {
  static final OrgScope ALL = new OrgScope(true, null);
  static final AttributeKey<OrgScope> KEY = AttributeKey.valueOf(OrgScope.class, "scope");

  /** The scope the access layer granted the current request; everything when IAM is off or outside a request. */
  static OrgScope current() {
    ServiceRequestContext ctx = ServiceRequestContext.currentOrNull();
    OrgScope scope = ctx == null ? null : ctx.attr(KEY);
    return scope == null ? ALL : scope;
  }

  boolean sees(String resourceOrg) {
    return all || Objects.equals(org, resourceOrg);
  }

  boolean sees(DeploymentSummary deployment) {
    return sees(deployment.org());
  }

  /** @throws NodeException NOT_FOUND when the deployment exists but lies outside this scope */
  void requireVisible(DeploymentService deployments, String deploymentId) {
    if (!all && deployments.get(deploymentId).filter(d -> !sees(d)).isPresent()) {
      throw NodeException.notFound("deployment", deploymentId);
    }
  }
}
