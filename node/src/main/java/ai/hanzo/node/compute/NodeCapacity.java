package ai.hanzo.node.compute;

import java.lang.management.ManagementFactory;

/** What this node can give deployments: CPUs (in billionths) and memory, as the JVM sees them (cgroup-aware). */
public record NodeCapacity(long nanoCpus, long memoryBytes) {
  public static NodeCapacity host() {
    long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getTotalMemorySize();
    return new NodeCapacity(Runtime.getRuntime().availableProcessors() * 1_000_000_000L, memory);
  }
}
