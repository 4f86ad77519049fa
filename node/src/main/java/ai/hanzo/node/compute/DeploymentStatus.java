package ai.hanzo.node.compute;

import ai.hanzo.node.runtime.ContainerState;
import ai.hanzo.node.runtime.ContainerStatus;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;

/**
 * A deployment's status, derived from what its containers do now rather than stored, so it cannot drift from
 * reality: {@code pending} (nothing created yet), {@code creating}, {@code running} (every desired replica runs),
 * {@code failed} (a replica exited with an error and will not be restarted), {@code stopping}, {@code stopped}
 * (stopped by the user, or every replica ended cleanly and none will restart).
 */
final class DeploymentStatus {
  private DeploymentStatus() {}

  /** A replica is ready when it runs and its health check, if it has one, has passed. */
  static DeploymentSummary summarize(DesiredDeployment desired, Map<ReplicaName, ContainerState> actual,
      BiPredicate<ReplicaName, ContainerState> willRestart, BiFunction<ReplicaName, ContainerState, Health> health,
      ReplicaStates.Conditions conditions) {
    List<Map.Entry<ReplicaName, ContainerState>> readyOnes = actual.entrySet().stream()
        .filter(e -> e.getValue().running() && e.getKey().replica() <= desired.replicasOf(e.getKey().service())
            && health.apply(e.getKey(), e.getValue()).ready())
        .toList();
    int ready = readyOnes.size();
    // A rolling update's progress, as the rolling update itself judges a container current (its spec hash).
    int updated = (int) readyOnes.stream()
        .filter(e -> !ReplicaSpecs.outdated(desired, e.getKey(), e.getValue())).count();
    return new DeploymentSummary(desired.id(), desired.request().name(), status(desired, actual, willRestart, ready),
        desired.totalReplicas(), ready, desired.request().org(), ReplicaStates.of(desired, actual, conditions,
            (replica, c) -> c.running() && health.apply(replica, c).ready()), updated);
  }

  private static String status(DesiredDeployment desired, Map<ReplicaName, ContainerState> actual,
      BiPredicate<ReplicaName, ContainerState> willRestart, int ready) {
    boolean anyRunning = actual.values().stream().anyMatch(ContainerState::running);
    if (!desired.running()) {
      return anyRunning ? "stopping" : "stopped";
    }
    boolean failed = actual.entrySet().stream().anyMatch(e -> ended(e.getValue())
        && e.getValue().exitCode().orElse(-1) != 0 && !willRestart.test(e.getKey(), e.getValue()));
    if (failed) {
      return "failed";
    }
    boolean outdated = actual.entrySet().stream()
        .anyMatch(e -> ReplicaSpecs.outdated(desired, e.getKey(), e.getValue()));
    if (outdated) {
      return "updating";
    }
    boolean allCompleted = !actual.isEmpty() && actual.entrySet().stream()
        .allMatch(e -> ended(e.getValue()) && !willRestart.test(e.getKey(), e.getValue()));
    if (allCompleted) {
      return "stopped";
    }
    if (ready == desired.totalReplicas() && actual.size() == ready) {
      return "running";
    }
    // Replicas that run but have not passed their health check yet are still coming up.
    return actual.isEmpty() ? "pending" : "creating";
  }

  private static boolean ended(ContainerState c) {
    return c.status() == ContainerStatus.EXITED || c.status() == ContainerStatus.DEAD;
  }
}
