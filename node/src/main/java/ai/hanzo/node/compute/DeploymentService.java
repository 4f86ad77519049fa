package ai.hanzo.node.compute;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import java.util.List;
import java.util.Optional;

/**
 * The compute engine as the API sees it: desired-state changes and queries on deployments. Implemented by the
 * compute issue; until then the node has none and the API answers UNIMPLEMENTED. Methods throw
 * {@link ai.hanzo.node.error.NodeException} with NOT_FOUND, INVALID_ARGUMENT, RESOURCE_EXHAUSTED (does not fit)
 * or FAILED_PRECONDITION (cordoned or drained). They may block: callers run them off the
 * event loop.
 */
public interface DeploymentService {
  /**
   * Idempotent for the same id and spec; a changed spec under the same id is a rolling update. The deployment is
   * owned by the tenant's organisation (an update keeps the owner); an id another organisation holds is
   * ALREADY_EXISTS (see {@link Ownership#claim}).
   */
  DeployResult deploy(Tenant tenant, DeploymentRequest request);

  /**
   * Deploys {@code request} into the allocation hold {@code holdId} kept on this node ({@link CapacityHold}),
   * which it uses. An engine without holds answers UNIMPLEMENTED.
   */
  default DeployResult deployInto(Tenant tenant, DeploymentRequest request, String holdId) {
    throw new NodeException(ErrorCode.UNIMPLEMENTED,
        "this compute engine keeps no allocations");
  }

  void stop(Tenant tenant, String deploymentId, boolean force);

  void remove(Tenant tenant, String deploymentId, boolean removeVolumes);

  ScaleResult scale(Tenant tenant, String deploymentId, String serviceName, int replicas);

  /** The deployments {@code tenant} sees. */
  List<DeploymentSummary> list(Tenant tenant);

  /** The deployment when {@code tenant} sees it. */
  Optional<DeploymentSummary> get(Tenant tenant, String deploymentId);

  /**
   * The deployments {@code tenant} sees as the last reconcile pass saw them (changes show at once), from memory
   * only: never blocks, so GetStatus answers even while the runtime does not.
   */
  List<DeploymentSummary> statusSnapshot(Tenant tenant);

  /** Streams log lines to {@code sink} until the returned handle is closed (or, without follow, the end). */
  AutoCloseable logs(Tenant tenant, LogQuery query, StreamSink<LogLine> sink);

  record DeployResult(String deploymentId, String message, List<String> endpoints) {
    public DeployResult {
      endpoints = List.copyOf(endpoints);
    }
  }

  record ScaleResult(int previousReplicas, int currentReplicas) {}

  record LogQuery(String deploymentId, String serviceName, int tail, boolean follow, long sinceEpochSeconds) {}

  record LogLine(long timestampEpochSeconds, String service, String containerId, String stream, String message) {}
}
