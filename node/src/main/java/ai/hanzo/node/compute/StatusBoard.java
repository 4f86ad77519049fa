package ai.hanzo.node.compute;

import ai.hanzo.node.runtime.ContainerState;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What GetStatus shows, kept in memory so reading it never waits for the runtime or the disk: the desired
 * deployments (updated by every change as it is stored), their containers as the last periodic pass observed them,
 * and the deployment summaries made from both at that moment. The snapshot is immutable and replaced whole, so a
 * reader sees one consistent set, and a summary instance stays the same until its deployment is summarized again
 * (readers may cache what they derive from it by identity).
 */
final class StatusBoard {
  /** Summarizes one deployment from in-memory data only. */
  @FunctionalInterface
  interface Summarizer {
    DeploymentSummary summarize(DesiredDeployment d, Map<ReplicaName, ContainerState> actual);
  }

  private record Snapshot(Map<String, DesiredDeployment> desired,
      Map<String, Map<ReplicaName, ContainerState>> observed, Map<String, DeploymentSummary> summaries,
      List<DeploymentSummary> sorted) {
    static Snapshot of(Map<String, DesiredDeployment> desired, Map<String, Map<ReplicaName, ContainerState>> observed,
        Map<String, DeploymentSummary> summaries) {
      return new Snapshot(desired, observed, Map.copyOf(summaries), summaries.values().stream()
          .sorted(Comparator.comparing(DeploymentSummary::deploymentId)).toList());
    }
  }

  private final Summarizer summarizer;
  private volatile Snapshot snapshot = Snapshot.of(Map.of(), Map.of(), Map.of());
  private long changes;

  StatusBoard(Summarizer summarizer) {
    this.summarizer = summarizer;
  }

  /** Taken before listing the desired state, handed back to {@link #publish}. */
  synchronized long changes() {
    return changes;
  }

  /**
   * After a periodic pass: everything as listed and observed, summarized once here rather than by every reader.
   * The listing replaces the desired deployments only if no change came in since {@code changesBefore}, so a deploy
   * made during a slow pass never disappears.
   */
  synchronized void publish(long changesBefore, List<DesiredDeployment> listed,
      Map<String, Map<ReplicaName, ContainerState>> observed) {
    Map<String, DesiredDeployment> desired = new HashMap<>();
    if (changesBefore == changes) {
      listed.forEach(d -> desired.put(d.id(), d));
    } else {
      desired.putAll(snapshot.desired());
    }
    Map<String, Map<ReplicaName, ContainerState>> copy = new HashMap<>();
    observed.forEach((id, containers) -> copy.put(id, Map.copyOf(containers)));
    Map<String, DeploymentSummary> summaries = new HashMap<>();
    desired.values().forEach(d -> summaries.put(d.id(), summarizer.summarize(d, copy.getOrDefault(d.id(), Map.of()))));
    snapshot = Snapshot.of(Map.copyOf(desired), Map.copyOf(copy), summaries);
  }

  /** A change was stored: shown at once, with the containers of the last pass. */
  synchronized void changed(DesiredDeployment d) {
    Snapshot s = snapshot;
    Map<String, DesiredDeployment> desired = new HashMap<>(s.desired());
    desired.put(d.id(), d);
    Map<String, DeploymentSummary> summaries = new HashMap<>(s.summaries());
    summaries.put(d.id(), summarizer.summarize(d, s.observed().getOrDefault(d.id(), Map.of())));
    changes++;
    snapshot = Snapshot.of(Map.copyOf(desired), s.observed(), summaries);
  }

  /**
   * A deployment's worker ended a pass: its summary is made again, so the reasons and restarts the pass recorded
   * show at once (its containers as the last periodic pass observed them).
   */
  synchronized void refresh(String deploymentId) {
    Snapshot s = snapshot;
    DesiredDeployment d = s.desired().get(deploymentId);
    if (d == null) {
      return;
    }
    Map<String, DeploymentSummary> summaries = new HashMap<>(s.summaries());
    summaries.put(d.id(), summarizer.summarize(d, s.observed().getOrDefault(d.id(), Map.of())));
    snapshot = Snapshot.of(s.desired(), s.observed(), summaries);
  }

  synchronized void removed(String deploymentId) {
    Snapshot s = snapshot;
    Map<String, DesiredDeployment> desired = new HashMap<>(s.desired());
    desired.remove(deploymentId);
    Map<String, DeploymentSummary> summaries = new HashMap<>(s.summaries());
    summaries.remove(deploymentId);
    changes++;
    snapshot = Snapshot.of(Map.copyOf(desired), s.observed(), summaries);
  }

  /** The summaries of the last publish or change, sorted by deployment id. */
  List<DeploymentSummary> summaries() {
    return snapshot.sorted();
  }
}
