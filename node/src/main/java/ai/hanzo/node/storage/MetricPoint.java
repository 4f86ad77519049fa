package ai.hanzo.node.storage;

import java.time.Instant;

/** One stored value of a metric series. */
public record MetricPoint(long epochMillis, double value) {
  public Instant timestamp() {
    return Instant.ofEpochMilli(epochMillis);
  }
}
