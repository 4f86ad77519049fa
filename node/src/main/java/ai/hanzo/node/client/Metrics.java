package ai.hanzo.node.client;

/** A node's load: usage as fractions of 1, network totals in bytes. */
public record Metrics(double cpuUsage, double memoryUsage, double diskUsage, double networkRxBytes,
    double networkTxBytes, int activeContainers) {

  /**
   * One sample of the GetMetrics stream.
   *
   * @param timestamp Unix seconds
   * @param metrics {@code null} when the node sent none
   */
  public record Sample(long timestamp, Metrics metrics) {}
}
