package ai.hanzo.node.compute;

import ai.hanzo.node.storage.ConfigStore;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Containers this node signalled or stopped itself and has not deleted or started since. Their exit was the node's
 * doing, not the workload's: when the change that stopped them is taken back before they are deleted (a remove and
 * then a deploy of the same id, a scale down and then up) they start again whatever their restart policy, as after
 * a stop. Kept in the node database with every change, so a node killed in that window still knows after its
 * restart; ids of containers that vanished are dropped after a full observation that began after they were marked.
 */
final class StoppedByNode {
  private static final String KEY = "compute.stopped-by-node";

  private final ConfigStore store;
  /** Marked container ids, each with the number of the observation that was the latest when it was marked. */
  private final Map<String, Long> marked = new HashMap<>();
  private long observations;

  StoppedByNode(ConfigStore store) {
    this.store = store;
    store.get(KEY).ifPresent(ids -> Arrays.stream(ids.split(",")).filter(id -> !id.isEmpty())
        .forEach(id -> marked.put(id, 0L)));
  }

  synchronized void add(Collection<String> containerIds) {
    boolean changed = false;
    for (String id : containerIds) {
      changed |= marked.put(id, observations) == null;
    }
    if (changed) {
      save();
    }
  }

  synchronized void remove(String containerId) {
    if (marked.remove(containerId) != null) {
      save();
    }
  }

  synchronized boolean contains(String containerId) {
    return marked.containsKey(containerId);
  }

  /** A full observation of the node's containers begins; its number goes to {@link #retainObserved}. */
  synchronized long beginObservation() {
    return ++observations;
  }

  /**
   * Drops the marks of containers missing from {@code observed}, a listing begun as observation {@code number}; a
   * container marked after that began may be newer than the listing, so it stays.
   */
  synchronized void retainObserved(long number, Set<String> observed) {
    if (marked.entrySet().removeIf(e -> e.getValue() < number && !observed.contains(e.getKey()))) {
      save();
    }
  }

  private void save() {
    if (marked.isEmpty()) {
      store.delete(KEY);
    } else {
      store.put(KEY, String.join(",", new TreeSet<>(marked.keySet())));
    }
  }
}
