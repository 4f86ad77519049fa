package ai.hanzo.node.compute;

import ai.hanzo.node.compute.DeploymentRequest.Resources;

/**
 * How many processes the replicas of all running deployments together may have: each replica counts with its pids
 * limit (its spec's, else the node's default per container), so that what the node admits can never use up the
 * machine's pids however its replicas fork. A replica with no limit at all (no spec limit and a default of 0)
 * counts as one process.
 *
 * @param maxProcesses the budget, {@link Long#MAX_VALUE} for none
 * @param defaultPidsPerReplica the pids limit of a replica whose spec sets none (the runtime's
 *     {@code --default-pids-limit}); 0 for no limit
 */
public record ProcessBudget(long maxProcesses, long defaultPidsPerReplica) {
  /** No budget: admission counts no processes (tests and embedded engines that do not configure one). */
  public static final ProcessBudget UNLIMITED = new ProcessBudget(Long.MAX_VALUE, 0);

  public ProcessBudget {
    if (maxProcesses < 1) {
      throw new IllegalArgumentException("the process budget must be at least 1, not " + maxProcesses);
    }
    if (defaultPidsPerReplica < 0) {
      throw new IllegalArgumentException("the default pids limit must not be negative");
    }
  }

  /** The processes one replica of a service with these limits counts for. */
  long perReplica(Resources limits) {
    long own = limits == null ? 0 : limits.pids();
    return own > 0 ? own : defaultPidsPerReplica > 0 ? defaultPidsPerReplica : 1;
  }

  /**
   * The processes a deployment's replicas count for: none while it is stopped. Cannot overflow: pids limits are
   * validated to at most 2^22 and a service to at most 1,000 replicas.
   */
  long of(DesiredDeployment d) {
    long total = 0;
    for (var e : d.request().project().services().entrySet()) {
      long each = perReplica(e.getValue().limits());
      total = Math.addExact(total, Math.multiplyExact(each, (long) d.replicasOf(e.getKey())));
    }
    return total;
  }

  /**
   * The budget for {@code configured} processes (0: derived from this machine, {@link MachineProcesses#budget()})
   * and replicas whose spec sets no pids limit counting {@code defaultPidsPerReplica}.
   */
  public static ProcessBudget of(long configured, long defaultPidsPerReplica) {
    return new ProcessBudget(configured > 0 ? configured : MachineProcesses.budget(), defaultPidsPerReplica);
  }
}
