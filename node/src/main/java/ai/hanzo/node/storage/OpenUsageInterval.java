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
 * @param gpuSeconds assigned GPUs times wall time over {@code [start, lastSample)}
 * @param lastRxBytes the runtime's cumulative received bytes at the last sample; {@link #UNREPORTED} when the runtime
 *     reported none (or the interval was saved before network metering): the next reported counter is then the base
 * @param lastTxBytes likewise for sent bytes
 * @param rxBytes bytes received in {@code [start, lastSample)}
 * @param txBytes bytes sent in {@code [start, lastSample)}
 */
public record OpenUsageInterval(String containerId, String org, String deploymentId, String service, int replica,
    Instant start, Instant lastSample, long lastCpuNanos, long lastMemoryBytes, long cpuNanos,
    double memoryGibSeconds, double gpuSeconds, long lastRxBytes, long lastTxBytes, long rxBytes, long txBytes) {

  /** A network counter the runtime did not report. */
  public static final long UNREPORTED = -1;

  public OpenUsageInterval {
    Objects.requireNonNull(containerId, "containerId");
    Objects.requireNonNull(deploymentId, "deploymentId");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(lastSample, "lastSample");
  }

  /** An interval of CPU and memory only, its network counters unreported. */
  public OpenUsageInterval(String containerId, String org, String deploymentId, String service, int replica,
      Instant start, Instant lastSample, long lastCpuNanos, long lastMemoryBytes, long cpuNanos,
      double memoryGibSeconds) {
    this(containerId, org, deploymentId, service, replica, start, lastSample, lastCpuNanos, lastMemoryBytes, cpuNanos,
        memoryGibSeconds, 0, UNREPORTED, UNREPORTED, 0, 0);
  }

  /** The record of this interval, closed at its last sample. */
  public ComputeUsageRecord close() {
    return new ComputeUsageRecord(start, lastSample, org, deploymentId, service, replica, containerId, cpuNanos,
        memoryGibSeconds, gpuSeconds, rxBytes, txBytes);
  }
}
