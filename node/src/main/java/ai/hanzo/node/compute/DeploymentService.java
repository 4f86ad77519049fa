package ai.hanzo.node.compute;

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
  /** Idempotent for the same id and spec; a changed spec under the same id is a rolling update. */
  DeployResult deploy(DeploymentRequest request);

  void stop(String deploymentId, boolean force);

  void remove(String deploymentId, boolean removeVolumes);

  ScaleResult scale(String deploymentId, String serviceName, int replicas);

  List<DeploymentSummary> list();

  /**
   * The deployments as the last reconcile pass saw them (changes show at once), from memory only: never blocks,
   * so GetStatus answers even while the runtime does not.
   */
  List<DeploymentSummary> statusSnapshot();

  Optional<DeploymentSummary> get(String deploymentId);

  /** Streams log lines to {@code sink} until the returned handle is closed (or, without follow, the end). */
  AutoCloseable logs(LogQuery query, StreamSink<LogLine> sink);

  record DeployResult(String deploymentId, String message, List<String> endpoints) {
    public DeployResult {
      endpoints = List.copyOf(endpoints);
    }
  }

  record ScaleResult(int previousReplicas, int currentReplicas) {}

  record LogQuery(String deploymentId, String serviceName, int tail, boolean follow, long sinceEpochSeconds) {}

  record LogLine(long timestampEpochSeconds, String service, String containerId, String stream, String message) {}
}
