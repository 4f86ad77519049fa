package ai.hanzo.node.compute;

import ai.hanzo.node.compute.DeploymentRequest.Resources;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Admission by reservations: a deployment that is to run reserves, per service, its {@code
 * deploy.resources.reservations} times its replicas, and the running deployments together may not reserve more than
 * the node's capacity. Limits are not counted (they cap, they do not guarantee), nor are stopped deployments. The
 * replicas of the running deployments together may not exceed the node's {@link NodeCapacity#maxReplicas()}, nor
 * their pids limits its {@link ProcessBudget}. GPUs are not reserved but assigned, one by one, to replicas
 * ({@link GpuAssignments}).
 */
final class Admission {
  private final NodeCapacity capacity;
  private final GpuInventory gpus;

  Admission(NodeCapacity capacity) {
    this(capacity, GpuInventory.NONE);
  }

  Admission(NodeCapacity capacity, GpuInventory gpus) {
    this.capacity = capacity;
    this.gpus = gpus;
  }

  /**
   * {@link #check} and then the GPUs of {@code wanted}'s replicas ({@link GpuAssignments}), preferring
   * {@code previous}: {@code wanted} as it is to be stored.
   */
  DesiredDeployment admit(DesiredDeployment wanted, Map<String, List<String>> previous,
      List<DesiredDeployment> others) {
    return admit(wanted, previous, others, HeldCapacity.NONE);
  }

  /** As above, next to the capacity allocations hold ({@link CapacityHold}) as well. */
  DesiredDeployment admit(DesiredDeployment wanted, Map<String, List<String>> previous,
      List<DesiredDeployment> others, HeldCapacity held) {
    check(wanted, others, held);
    return wanted.withGpus(GpuAssignments.assign(wanted, previous, others, gpus.gpus(), held.gpus()));
  }

  /** RESOURCE_EXHAUSTED when {@code wanted} does not fit next to the running deployments {@code others}. */
  void check(DesiredDeployment wanted, List<DesiredDeployment> others) {
    check(wanted, others, HeldCapacity.NONE);
  }

  /** As above, counting what allocations {@code held} as reserved too. */
  void check(DesiredDeployment wanted, List<DesiredDeployment> others, HeldCapacity held) {
    long cpus = held.nanoCpus();
    long memory = held.memoryBytes();
    long replicas = held.replicas();
    long processes = 0;
    ProcessBudget budget = capacity.processes();
    for (DesiredDeployment d : others) {
      if (d.running() && !d.id().equals(wanted.id())) {
        cpus += nanoCpus(d);
        memory += memoryBytes(d);
        replicas += replicas(d);
        processes += budget.of(d);
      }
    }
    long needReplicas = replicas(wanted);
    if (replicas + needReplicas > capacity.maxReplicas()) {
      throw new NodeException(ErrorCode.RESOURCE_EXHAUSTED, String.format(Locale.ROOT,
          "deployment '%s' asks for %d replicas but this node runs at most %d, and %d of them are taken",
          wanted.id(), needReplicas, capacity.maxReplicas(), replicas), Map.of("deployment_id", wanted.id()));
    }
    long needProcesses = budget.of(wanted);
    if (processes + needProcesses > budget.maxProcesses()) {
      throw new NodeException(ErrorCode.RESOURCE_EXHAUSTED, String.format(Locale.ROOT,
          "deployment '%s' needs %d processes (its replicas' pids limits) but this node's process budget is %d"
              + " and %d of them are used by other deployments; lower its replicas or their pids limit"
              + " (deploy.resources.limits.pids, --default-pids-limit), or raise --max-processes",
          wanted.id(), needProcesses, budget.maxProcesses(), processes), Map.of("deployment_id", wanted.id()));
    }
    long needCpus = nanoCpus(wanted);
    long needMemory = memoryBytes(wanted);
    if (cpus + needCpus > capacity.nanoCpus() || memory + needMemory > capacity.memoryBytes()) {
      throw new NodeException(ErrorCode.RESOURCE_EXHAUSTED, String.format(Locale.ROOT,
          "deployment '%s' reserves %s CPUs and %s of memory but this node has %s CPUs and %s unreserved"
              + " (capacity %s CPUs, %s)", wanted.id(), cpus(needCpus), bytes(needMemory),
          cpus(Math.max(0, capacity.nanoCpus() - cpus)), bytes(Math.max(0, capacity.memoryBytes() - memory)),
          cpus(capacity.nanoCpus()), bytes(capacity.memoryBytes())),
          Map.of("deployment_id", wanted.id()));
    }
  }

  /** Replicas a deployment runs: none while stopped. */
  static long replicas(DesiredDeployment d) {
    return d.replicas().keySet().stream().mapToLong(d::replicasOf).sum();
  }

  static long nanoCpus(DesiredDeployment d) {
    return sum(d, (r, field) -> ResourceQuantities.nanoCpus(r.cpus(), field + ".cpus"));
  }

  static long memoryBytes(DesiredDeployment d) {
    return sum(d, (r, field) -> ResourceQuantities.memoryBytes(r.memory(), field + ".memory"));
  }

  private static long sum(DesiredDeployment d, Quantity quantity) {
    long total = 0;
    for (var e : d.request().project().services().entrySet()) {
      Resources r = e.getValue().reservations();
      if (r != null) {
        long each = quantity.of(r, "spec.services." + e.getKey() + ".deploy.resources.reservations");
        total = Math.addExact(total, Math.multiplyExact(each, (long) d.replicasOf(e.getKey())));
      }
    }
    return total;
  }

  private static String cpus(long nanos) {
    return String.format(Locale.ROOT, "%.2f", nanos / 1e9);
  }

  private static String bytes(long n) {
    return String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024.0));
  }

  @FunctionalInterface
  private interface Quantity {
    long of(Resources resources, String field);
  }
}
