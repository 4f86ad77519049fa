package ai.hanzo.node.usage;

import ai.hanzo.node.storage.ComputeUsageRecord;
import java.time.Instant;

/**
 * What one deployment's containers used in one bucket of time {@code [start, end)}.
 *
 * @param org the deployment's organisation; {@code null} for none
 * @param gpuSeconds GPUs assigned to its containers times wall time
 * @param rxBytes network bytes its containers received (0 where the runtime reports none)
 * @param txBytes network bytes its containers sent (0 where the runtime reports none)
 * @param intervals how many container intervals (one container within one hour) were summed
 */
public record ComputeUsageRow(String org, String deploymentId, Instant start, Instant end, double cpuSeconds,
    double memoryGibSeconds, double gpuSeconds, long rxBytes, long txBytes, long intervals) {

  /** A row of CPU and memory only. */
  public ComputeUsageRow(String org, String deploymentId, Instant start, Instant end, double cpuSeconds,
      double memoryGibSeconds, long intervals) {
    this(org, deploymentId, start, end, cpuSeconds, memoryGibSeconds, 0, 0, 0, intervals);
  }

  /** The first interval of a bucket. */
  static ComputeUsageRow of(ComputeUsageRecord r, Instant start, Instant end) {
    return new ComputeUsageRow(r.org(), r.deploymentId(), start, end, r.cpuSeconds(), r.memoryGibSeconds(),
        r.gpuSeconds(), r.rxBytes(), r.txBytes(), 1);
  }

  ComputeUsageRow plus(ComputeUsageRow other) {
    return new ComputeUsageRow(org, deploymentId, start, end, cpuSeconds + other.cpuSeconds,
        memoryGibSeconds + other.memoryGibSeconds, gpuSeconds + other.gpuSeconds, rxBytes + other.rxBytes,
        txBytes + other.txBytes, intervals + other.intervals);
  }
}
