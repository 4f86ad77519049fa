package ai.hanzo.node.compute;

import ai.hanzo.node.runtime.ContainerState;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What GetStatus shows, kept in memory so reading it never waits for the runtime or the disk: the desired
 * deployments (updated by every change as it is stored) and their containers as the last periodic pass observed
 * them. Both maps are immutable and replaced whole, so a reader sees one consistent pair.
 */
final class StatusBoard {
  /** Summarizes one deployment from in-memory data only. */
  @FunctionalInterface
  interface Summarizer {
    DeploymentSummary summarize(DesiredDeployment d, Map<ReplicaName, ContainerState> actual);
  }

  private record Snapshot(Map<String, DesiredDeployment> desired,
      Map<String, Map<ReplicaName, ContainerState>> observed) {}

  private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of());
  private long changes;

  /** Taken before listing the desired state, handed back to {@link #publish}. */
  synchronized long changes() {
    return changes;
  }

  /**
   * After a periodic pass: everything as listed and observed. The listing replaces the desired deployments only if
   * no change came in since {@code changesBefore}, so a deploy made during a slow pass never disappears.
   */
  synchronized void publish(long changesBefore, List<DesiredDeployment> desired,
      Map<String, Map<ReplicaName, ContainerState>> observed) {
    Map<String, DesiredDeployment> byId = new HashMap<>();
    desired.forEach(d -> byId.put(d.id(), d));
    Map<String, Map<ReplicaName, ContainerState>> copy = new HashMap<>();
    observed.forEach((id, containers) -> copy.put(id, Map.copyOf(containers)));
    snapshot = new Snapshot(changesBefore == changes ? Map.copyOf(byId) : snapshot.desired(), Map.copyOf(copy));
  }

  /** A change was stored: shown at once, with the containers of the last pass. */
  synchronized void changed(DesiredDeployment d) {
    Map<String, DesiredDeployment> desired = new HashMap<>(snapshot.desired());
    desired.put(d.id(), d);
    changes++;
    snapshot = new Snapshot(Map.copyOf(desired), snapshot.observed());
  }

  synchronized void removed(String deploymentId) {
    Map<String, DesiredDeployment> desired = new HashMap<>(snapshot.desired());
    desired.remove(deploymentId);
    changes++;
    snapshot = new Snapshot(Map.copyOf(desired), snapshot.observed());
  }

  List<DeploymentSummary> summaries(Summarizer summarizer) {
    Snapshot s = snapshot;
    return s.desired().values().stream()
        .sorted(Comparator.comparing(DesiredDeployment::id))
        .map(d -> summarizer.summarize(d, s.observed().getOrDefault(d.id(), Map.of())))
        .toList();
  }
}
