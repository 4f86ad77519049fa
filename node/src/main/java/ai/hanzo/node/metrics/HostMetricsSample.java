package ai.hanzo.node.metrics;

import java.time.Instant;

/**
 * One reading of the host: CPU, memory and disk (of the data-dir volume) as fractions 0..1, cumulative network
 * bytes since boot over the non-loopback interfaces, and the containers this node runs.
 */
public record HostMetricsSample(
    Instant timestamp, double cpuUsage, double memoryUsage, double diskUsage, long networkRxBytes,
    long networkTxBytes, int activeContainers) {
  public HostMetricsSample {
    requireFraction("cpuUsage", cpuUsage);
    requireFraction("memoryUsage", memoryUsage);
    requireFraction("diskUsage", diskUsage);
    if (networkRxBytes < 0 || networkTxBytes < 0 || activeContainers < 0) {
      throw new IllegalArgumentException("counters must not be negative");
    }
  }

  private static void requireFraction(String name, double value) {
    if (!(value >= 0.0 && value <= 1.0)) {
      throw new IllegalArgumentException(name + " must be a fraction between 0 and 1, was " + value);
    }
  }

  /** Clamps rounding noise from the OS into 0..1 so a sample is always valid. */
  public static double fraction(double value) {
    return Double.isNaN(value) ? 0.0 : Math.max(0.0, Math.min(1.0, value));
  }
}
