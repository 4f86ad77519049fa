package ai.hanzo.node.app;

import ai.hanzo.node.metrics.HostMetricsSample;
import ai.hanzo.node.storage.MetricSample;
import ai.hanzo.node.storage.MetricsHistory;
import java.util.List;
import java.util.function.Consumer;

/** Keeps every host sample in the metrics history, one series per measure ({@code host.cpu}, ...). */
final class HostMetricsRecorder implements Consumer<HostMetricsSample> {
  private final MetricsHistory history;

  HostMetricsRecorder(MetricsHistory history) {
    this.history = history;
  }

  @Override
  public void accept(HostMetricsSample s) {
    long at = s.timestamp().toEpochMilli();
    history.recordAll(List.of(
        new MetricSample("host.cpu", at, s.cpuUsage()),
        new MetricSample("host.memory", at, s.memoryUsage()),
        new MetricSample("host.disk", at, s.diskUsage()),
        new MetricSample("host.network.rx_bytes", at, s.networkRxBytes()),
        new MetricSample("host.network.tx_bytes", at, s.networkTxBytes()),
        new MetricSample("host.containers", at, s.activeContainers())));
  }
}
