package ai.hanzo.node.usage;

import java.time.Instant;

/**
 * What one deployment's containers used in one bucket of time {@code [start, end)}.
 *
 * @param org the deployment's organisation; {@code null} for none
 * @param intervals how many container intervals (one container within one hour) were summed
 */
public record ComputeUsageRow(String org, String deploymentId, Instant start, Instant end, double cpuSeconds,
    double memoryGibSeconds, long intervals) {

  ComputeUsageRow plus(double cpu, double memory) {
    return new ComputeUsageRow(org, deploymentId, start, end, cpuSeconds + cpu, memoryGibSeconds + memory,
        intervals + 1);
  }
}
