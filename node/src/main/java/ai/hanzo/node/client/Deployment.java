package ai.hanzo.node.client;

import java.util.List;

/** A deployment with each replica's state. */
public record Deployment(String deploymentId, String name, String status, int replicas, int readyReplicas,
    List<Replica> replicaStatuses) {

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
