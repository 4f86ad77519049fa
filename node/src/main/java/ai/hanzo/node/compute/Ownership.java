package ai.hanzo.node.compute;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one ownership rule of deployments (and through them of their containers, logs and events). A deployment
 * belongs to the organisation of the caller who created it, recorded as its {@link DeploymentRequest#ORG_LABEL}
 * label. A caller acts only on what its {@link Tenant} sees; anything else is answered exactly as if it did not
 * exist, so ids of other organisations reveal nothing. Callers that change a deployment call this under the lock
 * that serializes changes, so the check and the change are one step.
 */
public final class Ownership {
  private Ownership() {}

  /** The organisation owning {@code deployment}, {@code null} for none. */
  public static String owner(DesiredDeployment deployment) {
    return deployment.request().org();
  }

  /**
   * The stored deployment {@code deploymentId} when {@code tenant} may act on it.
   *
   * @throws NodeException NOT_FOUND when it is missing or another organisation's, in the same words
   */
  public static DesiredDeployment require(Tenant tenant, String deploymentId, Optional<DesiredDeployment> stored) {
    return stored.filter(d -> tenant.sees(owner(d)))
        .orElseThrow(() -> NodeException.notFound("deployment", deploymentId));
  }

  /**
   * The request to store for a Deploy: owned by the deploying caller's organisation when new, by its owner when it
   * updates an existing deployment (an admin updating another organisation's deployment leaves it theirs).
   *
   * @throws NodeException ALREADY_EXISTS when the id is taken by a deployment the caller may not see; the message
   *     says nothing about that deployment
   */
  public static DeploymentRequest claim(Tenant tenant, DeploymentRequest request,
      Optional<DesiredDeployment> existing) {
    if (existing.isEmpty()) {
      return withOwner(request, tenant.org());
    }
    String owner = owner(existing.get());
    if (!tenant.sees(owner)) {
      throw new NodeException(ErrorCode.ALREADY_EXISTS, "deployment id '" + request.deploymentId()
          + "' is taken; choose another id");
    }
    return withOwner(request, owner);
  }

  /**
   * Whether {@code tenant} sees a container with {@code labels}: when it sees the deployment the container's replica
   * label names. A container of no (or no longer a) deployment is only for callers who see all.
   */
  public static boolean sees(Tenant tenant, Map<String, String> labels,
      Function<String, Optional<DesiredDeployment>> deployments) {
    if (tenant.seesAll()) {
      return true;
    }
    String deploymentId = labels.get(ReplicaName.DEPLOYMENT_LABEL);
    return deploymentId != null && deployments.apply(deploymentId).filter(d -> tenant.sees(owner(d))).isPresent();
  }

  /** {@code request} with its organisation label set to {@code org}, or without one for {@code null}. */
  static DeploymentRequest withOwner(DeploymentRequest request, String org) {
    DeploymentRequest.Options options = request.options() != null ? request.options()
        : new DeploymentRequest.Options("", "", Map.of(), new DeploymentRequest.Resources("", ""));
    Map<String, String> labels = new HashMap<>(options.labels());
    if (org == null) {
      labels.remove(DeploymentRequest.ORG_LABEL);
    } else {
      labels.put(DeploymentRequest.ORG_LABEL, org);
    }
    if (labels.equals(options.labels())) {
      return request;
    }
    return new DeploymentRequest(request.deploymentId(), request.name(), request.project(), request.environment(),
        new DeploymentRequest.Options(options.namespace(), options.environment(), labels, options.limits()));
  }
}
