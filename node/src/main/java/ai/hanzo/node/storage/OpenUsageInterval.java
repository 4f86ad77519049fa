package ai.hanzo.node.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * The interval a running container is in the middle of, as of its last sample: what it has used since
 * {@code start}, and the runtime's cumulative counters at that sample, against which the next sample's are taken.
 * Stored with every sample, so a node killed between samples resumes the interval where its last sample left it:
 * the CPU time used while the node was down is in the next sample's cumulative counter, and nothing is counted twice.
 *
 * @param lastSample when the runtime was last read
 * @param lastCpuNanos the runtime's cumulative CPU time of the container at that moment
 * @param lastMemoryBytes its resident memory at that moment
 * @param cpuNanos CPU time used in {@code [start, lastSample)}
 * @param memoryGibSeconds memory integrated over {@code [start, lastSample)}
 */
public record OpenUsageInterval(String containerId, String org, String deploymentId, String service, int replica,
    Instant start, Instant lastSample, long lastCpuNanos, long lastMemoryBytes, long cpuNanos,
    double memoryGibSeconds) {

  public OpenUsageInterval {
    Objects.requireNonNull(containerId, "containerId");
    Objects.requireNonNull(deploymentId, "deploymentId");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(lastSample, "lastSample");
  }

  /** The record of this interval, closed at its last sample. */
  public ComputeUsageRecord close() {
    return new ComputeUsageRecord(start, lastSample, org, deploymentId, service, replica, containerId, cpuNanos,
        memoryGibSeconds);
  }
}
