package ai.hanzo.node.metrics;

/** Takes a fresh reading of the host; may do I/O, so call it off event-loop threads. */
public interface HostMetricsSource {
  HostMetricsSample sample();
}
