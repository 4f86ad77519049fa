package ai.hanzo.node.compute;

import java.lang.management.ManagementFactory;

/**
 * What this node can give deployments: CPUs (in billionths) and memory, as the JVM sees them (cgroup-aware), and
 * how many replicas it runs at most, all deployments together (each replica costs processes, threads and files on
 * the node however little it reserves; admission refuses more with RESOURCE_EXHAUSTED), and how many processes
 * their pids limits may add up to ({@link ProcessBudget}).
 */
public record NodeCapacity(long nanoCpus, long memoryBytes, int maxReplicas, ProcessBudget processes) {
  /** Memory the node budgets per replica when it derives {@link #maxReplicas()}: 16 MiB. */
  public static final long MEMORY_PER_REPLICA = 16L << 20;
  /** The derived replica limit never falls below this, nor rises above {@link #MOST_REPLICAS}. */
  public static final int FEWEST_REPLICAS = 16;
  public static final int MOST_REPLICAS = 10_000;

  /** A capacity whose replica limit is derived from its memory: one replica per 16 MiB, between 16 and 10,000. */
  public NodeCapacity(long nanoCpus, long memoryBytes) {
    this(nanoCpus, memoryBytes, replicasFor(memoryBytes));
  }

  /** A capacity without a process budget. */
  public NodeCapacity(long nanoCpus, long memoryBytes, int maxReplicas) {
    this(nanoCpus, memoryBytes, maxReplicas, ProcessBudget.UNLIMITED);
  }

  public NodeCapacity {
    java.util.Objects.requireNonNull(processes, "processes");
  }

  /** This capacity with {@code budget} as its process budget. */
  public NodeCapacity withProcesses(ProcessBudget budget) {
    return new NodeCapacity(nanoCpus, memoryBytes, maxReplicas, budget);
  }

  public static NodeCapacity host() {
    long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getTotalMemorySize();
    return new NodeCapacity(Runtime.getRuntime().availableProcessors() * 1_000_000_000L, memory);
  }

  static int replicasFor(long memoryBytes) {
    return (int) Math.max(FEWEST_REPLICAS, Math.min(MOST_REPLICAS, memoryBytes / MEMORY_PER_REPLICA));
  }
}
