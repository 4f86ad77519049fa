package ai.hanzo.node.compute;

import ai.hanzo.node.runtime.ContainerState;
import ai.hanzo.node.runtime.ContainerStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiPredicate;

/**
 * The state of each replica, as the kubelet gives each container of a pod one: waiting (with the reason), running
 * or terminated (with the exit code). Built from in-memory data only (the observed containers, the reconciler's
 * reasons and restart counts, the health probes), so status reads never wait for the runtime.
 */
final class ReplicaStates {
  private ReplicaStates() {}

  /** What the reconciler remembers about replicas and containers. */
  interface Conditions {
    Optional<ReplicaReasons.Waiting> waiting(ReplicaName replica);

    int restarts(String containerId);
  }

  /** Every desired replica, service by service, then the containers beyond the desired counts (still to go). */
  static List<ReplicaSummary> of(DesiredDeployment desired, Map<ReplicaName, ContainerState> actual,
      Conditions conditions, BiPredicate<ReplicaName, ContainerState> ready) {
    List<ReplicaSummary> out = new ArrayList<>();
    new TreeMap<>(desired.replicas()).forEach((service, count) -> {
      for (int n = 1; n <= count; n++) {
        ReplicaName replica = new ReplicaName(desired.id(), service, n);
        out.add(of(replica, actual.get(replica), desired.running(), conditions, ready));
      }
    });
    actual.entrySet().stream()
        .filter(e -> e.getKey().replica() > desired.replicas().getOrDefault(e.getKey().service(), 0))
        .sorted(Comparator.comparing((Map.Entry<ReplicaName, ContainerState> e) -> e.getKey().service())
            .thenComparingInt(e -> e.getKey().replica()))
        .forEach(e -> out.add(of(e.getKey(), e.getValue(), desired.running(), conditions, ready)));
    return out;
  }

  /**
   * One replica; {@code c} is its container or {@code null} when it has none.
   *
   * @param wantedRunning whether its deployment should run (else an ended container was stopped by the node)
   */
  static ReplicaSummary of(ReplicaName replica, ContainerState c, boolean wantedRunning, Conditions conditions,
      BiPredicate<ReplicaName, ContainerState> ready) {
    Optional<ReplicaReasons.Waiting> waiting = conditions.waiting(replica);
    if (c == null) {
      if (!wantedRunning) {
        return summary(replica, "", ReplicaSummary.TERMINATED, ReplicaReasons.STOPPED, "the deployment is stopped",
            0, 0, null, false);
      }
      return waiting.map(w -> waiting(replica, "", w, 0))
          .orElseGet(() -> summary(replica, "", ReplicaSummary.WAITING, ReplicaReasons.PENDING,
              "no container yet", 0, 0, null, false));
    }
    int restarts = conditions.restarts(c.id());
    if (c.running()) {
      return summary(replica, c.id(), ReplicaSummary.RUNNING, "", "", 0, restarts, null, ready.test(replica, c));
    }
    if (c.status() == ContainerStatus.CREATED) {
      return waiting.map(w -> waiting(replica, c.id(), w, 0))
          .orElseGet(() -> summary(replica, c.id(), ReplicaSummary.WAITING, ReplicaReasons.CONTAINER_CREATING,
              "created, not started yet", 0, restarts, null, false));
    }
    int exit = c.exitCode().orElse(-1);
    if (wantedRunning && waiting.isPresent()) {
      return waiting(replica, c.id(), waiting.get(), exit);
    }
    return summary(replica, c.id(), ReplicaSummary.TERMINATED, ReplicaReasons.terminated(exit, !wantedRunning),
        ReplicaReasons.exitMessage(exit), exit, restarts, null, false);
  }

  private static ReplicaSummary waiting(ReplicaName replica, String containerId, ReplicaReasons.Waiting w,
      int exitCode) {
    return summary(replica, containerId, ReplicaSummary.WAITING, w.reason(), w.message(), exitCode, w.restarts(),
        w.nextRetry(), false);
  }

  private static ReplicaSummary summary(ReplicaName replica, String containerId, String state, String reason,
      String message, int exitCode, int restarts, Instant nextRetry, boolean ready) {
    return new ReplicaSummary(replica.service(), replica.replica(), replica.containerName(), containerId, state,
        reason, message, exitCode, restarts, nextRetry == null ? 0 : nextRetry.toEpochMilli(), ready);
  }
}
