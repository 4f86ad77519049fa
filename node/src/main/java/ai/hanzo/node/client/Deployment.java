package ai.hanzo.node.client;

import java.util.List;

/**
 * A deployment with each replica's state.
 *
 * @param updatedReplicas the desired replicas that run a container of the current spec and are ready: a rolling
 *     update's progress (kubectl's UP-TO-DATE); equal to {@code readyReplicas} when no update runs
 * @param nodeId the node it runs on (the node asked, or the one it placed it on); empty from a node that does not say
 */
public record Deployment(String deploymentId, String name, String status, int replicas, int readyReplicas,
    List<Replica> replicaStatuses, int updatedReplicas, String nodeId) {
  /** A deployment that no update is rolling through, on the node asked. */
  public Deployment(String deploymentId, String name, String status, int replicas, int readyReplicas,
      List<Replica> replicaStatuses) {
    this(deploymentId, name, status, replicas, readyReplicas, replicaStatuses, readyReplicas, "");
  }

  /**
   * One desired replica and, when it does not run, why (like the kubelet's container states).
   *
   * @param containerId empty while no container exists for the replica
   * @param reason a CamelCase word ({@code CrashLoopBackOff}); empty while running
   * @param nextRetryMillis Unix milliseconds of the next attempt after a failure; 0 when none is due
   */
  public record Replica(String service, int replica, String name, String containerId, String state, String reason,
      String message, int exitCode, int restartCount, long nextRetryMillis, boolean ready) {}
}
