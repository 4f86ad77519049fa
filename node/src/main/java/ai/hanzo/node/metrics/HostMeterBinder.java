package ai.hanzo.node.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToDoubleFunction;

/** Exposes the sampler's latest reading as Prometheus gauges ({@code hanzo_node_cpu_usage_ratio}, ...). */
public final class HostMeterBinder implements MeterBinder {
  private final HostMetricsSampler sampler;

  public HostMeterBinder(HostMetricsSampler sampler) {
    this.sampler = sampler;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    gauge(registry, "hanzo.node.cpu.usage", "ratio", "Host CPU load over the last sampling period (0..1)",
        HostMetricsSample::cpuUsage);
    gauge(registry, "hanzo.node.memory.usage", "ratio", "Host memory in use (0..1)", HostMetricsSample::memoryUsage);
    gauge(registry, "hanzo.node.disk.usage", "ratio", "Usage of the data-dir volume (0..1)",
        HostMetricsSample::diskUsage);
    gauge(registry, "hanzo.node.network.rx", "bytes", "Bytes received on non-loopback interfaces since boot",
        HostMetricsSample::networkRxBytes);
    gauge(registry, "hanzo.node.network.tx", "bytes", "Bytes sent on non-loopback interfaces since boot",
        HostMetricsSample::networkTxBytes);
    gauge(registry, "hanzo.node.containers.active", null, "Containers this node runs",
        HostMetricsSample::activeContainers);
  }

  private void gauge(MeterRegistry registry, String name, String unit, String help,
      ToDoubleFunction<HostMetricsSample> value) {
    // NaN until the first sample: Prometheus shows "no value" rather than a made-up zero.
    Gauge.builder(name, sampler, s -> s.current().map(value::applyAsDouble).orElse(Double.NaN))
        .baseUnit(unit).description(help).register(registry);
  }
}
