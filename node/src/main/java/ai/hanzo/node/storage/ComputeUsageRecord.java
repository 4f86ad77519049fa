package ai.hanzo.node.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * What one container used over one interval {@code [start, end)}: the unit of compute usage metering. Each interval
 * of a container is recorded once (the meter closes it and opens the next in one write), and never spans an hour
 * boundary, so hourly and daily sums need no apportioning.
 *
 * @param org the deployment's organisation; {@code null} for none
 * @param cpuNanos CPU time the container's processes used in the interval
 * @param memoryGibSeconds resident memory integrated over the interval, in GiB x seconds
 * @param gpuSeconds the GPUs assigned to the container times the interval's wall time (0 in records written before
 *     GPU metering, schema version 1)
 * @param rxBytes network bytes the container received in the interval; 0 where the runtime reports none
 * @param txBytes network bytes the container sent in the interval; 0 where the runtime reports none
 */
public record ComputeUsageRecord(Instant start, Instant end, String org, String deploymentId, String service,
    int replica, String containerId, long cpuNanos, double memoryGibSeconds, double gpuSeconds, long rxBytes,
    long txBytes) {

  public ComputeUsageRecord {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(deploymentId, "deploymentId");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(containerId, "containerId");
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("interval ends at " + end + " before it starts at " + start);
    }
    if (cpuNanos < 0 || memoryGibSeconds < 0 || Double.isNaN(memoryGibSeconds) || gpuSeconds < 0
        || Double.isNaN(gpuSeconds) || rxBytes < 0 || txBytes < 0) {
      throw new IllegalArgumentException("usage must not be negative");
    }
  }

  /** A record of CPU and memory only (no GPU, no network). */
  public ComputeUsageRecord(Instant start, Instant end, String org, String deploymentId, String service,
      int replica, String containerId, long cpuNanos, double memoryGibSeconds) {
    this(start, end, org, deploymentId, service, replica, containerId, cpuNanos, memoryGibSeconds, 0, 0, 0);
  }

  public double cpuSeconds() {
    return cpuNanos / 1e9;
  }
}
