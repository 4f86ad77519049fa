package ai.hanzo.node.compute;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the holds still keeping capacity take away from a node, summed: admission adds it to what the running
 * deployments reserve, and the GPUs it names are held like a running deployment's.
 */
record HeldCapacity(long nanoCpus, long memoryBytes, long replicas, Set<String> gpus) {
  static final HeldCapacity NONE = new HeldCapacity(0, 0, 0, Set.of());

  HeldCapacity {
    gpus = Set.copyOf(gpus);
  }

  /** The holds among {@code holds} that keep capacity at {@code now}, but {@code exceptId}'s (null: none). */
  static HeldCapacity of(List<CapacityHold> holds, Instant now, String exceptId) {
    long cpus = 0;
    long memory = 0;
    long replicas = 0;
    Set<String> gpus = new HashSet<>();
    for (CapacityHold h : holds) {
      if (h.holding(now) && !h.id().equals(exceptId)) {
        cpus += h.nanoCpus();
        memory += h.memoryBytes();
        replicas += h.replicas();
        gpus.addAll(h.gpus());
      }
    }
    return new HeldCapacity(cpus, memory, replicas, gpus);
  }
}
