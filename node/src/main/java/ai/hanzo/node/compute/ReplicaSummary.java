package ai.hanzo.node.compute;

/**
 * One replica of a deployment as the API shows it, in the kubelet's terms.
 *
 * @param state {@code waiting}, {@code running} or {@code terminated}
 * @param containerId empty while no container exists for the replica
 * @param reason a CamelCase word ({@code ImageNotFound}, {@code CrashLoopBackOff}, ...); empty while running
 * @param message readable, at most {@value ReplicaReasons#MAX_MESSAGE} characters
 * @param nextRetryEpochMillis when the node tries again after a failure; 0 when no attempt is planned
 */
public record ReplicaSummary(String service, int replica, String name, String containerId, String state,
    String reason, String message, int exitCode, int restartCount, long nextRetryEpochMillis, boolean ready) {
  public static final String WAITING = "waiting";
  public static final String RUNNING = "running";
  public static final String TERMINATED = "terminated";
}
