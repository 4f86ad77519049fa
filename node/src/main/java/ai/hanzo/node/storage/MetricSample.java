package ai.hanzo.node.storage;

/**
 * A value to record in a series.
 *
 * @param series the series name, e.g. {@code cpu.usage/deployment=web}; non-empty, no NUL
 */
public record MetricSample(String series, long epochMillis, double value) {
  public MetricSample {
    StoredText.requireKey(series, "metric series name");
  }
}
