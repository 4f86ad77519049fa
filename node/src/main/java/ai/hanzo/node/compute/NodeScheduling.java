package ai.hanzo.node.compute;

import ai.hanzo.node.storage.ConfigStore;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Whether this node takes new work, kept in the node database so that a restart keeps a cordoned or drained node
 * that way (as a kubelet's unschedulable flag survives it): cordoned, the drain phase, and which deployments the
 * drain stopped (uncordon starts exactly those again).
 */
public final class NodeScheduling {
  private static final String CORDONED = "scheduling.cordoned";
  private static final String DRAIN = "scheduling.drain";
  private static final String DRAINED = "scheduling.drained";

  /** Where a drain stands. */
  public enum Drain { NONE, DRAINING, DRAINED }

  private final ConfigStore store;

  public NodeScheduling(ConfigStore store) {
    this.store = store;
  }

  public boolean cordoned() {
    return store.get(CORDONED).isPresent();
  }

  public Drain drain() {
    return store.get(DRAIN).map(Drain::valueOf).orElse(Drain.NONE);
  }

  void cordon() {
    store.put(CORDONED, "true");
  }

  void drainPhase(Drain phase) {
    if (phase == Drain.NONE) {
      store.delete(DRAIN);
    } else {
      store.put(DRAIN, phase.name());
    }
  }

  /** Deployment ids are names without commas (see the orchestrator's validation). */
  Set<String> drainedDeployments() {
    return store.get(DRAINED).filter(s -> !s.isEmpty())
        .map(s -> new LinkedHashSet<>(Arrays.asList(s.split(",")))).orElseGet(LinkedHashSet::new);
  }

  void drainedDeployments(Set<String> ids) {
    store.put(DRAINED, String.join(",", ids));
  }

  /** Back to schedulable; returns the deployments the last drain stopped. */
  Set<String> uncordon() {
    Set<String> drained = drainedDeployments();
    store.delete(DRAINED);
    store.delete(DRAIN);
    store.delete(CORDONED);
    return drained;
  }
}
