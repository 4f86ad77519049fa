package ai.hanzo.node.metrics;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the host on its own thread at a fixed period and keeps the latest reading, so API calls (GetStatus,
 * metric streams, Prometheus scrapes) read a value without doing I/O on an event loop and CPU load is always
 * measured over one steady period.
 */
public final class HostMetricsSampler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HostMetricsSampler.class);

  private final HostMetricsSource source;
  private final Duration period;
  private final AtomicReference<HostMetricsSample> latest = new AtomicReference<>();
  private final java.util.List<java.util.function.Consumer<HostMetricsSample>> listeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private ScheduledExecutorService scheduler;

  public HostMetricsSampler(HostMetricsSource source, Duration period) {
    this.source = source;
    this.period = period;
  }

  /** Takes the first sample synchronously so {@link #latest()} is never empty once started. */
  public synchronized void start() {
    if (scheduler != null) {
      return;
    }
    refresh();
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "host-metrics");
      t.setDaemon(true);
      return t;
    });
    scheduler.scheduleAtFixedRate(this::refresh, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Called on the sampler thread with every new sample (e.g. to append it to the metrics history). */
  public void addListener(java.util.function.Consumer<HostMetricsSample> listener) {
    listeners.add(listener);
  }

  public HostMetricsSample latest() {
    return Objects.requireNonNull(latest.get(), "the sampler has not been started");
  }

  /** Empty only before {@link #start()}. */
  public java.util.Optional<HostMetricsSample> current() {
    return java.util.Optional.ofNullable(latest.get());
  }

  private void refresh() {
    try {
      HostMetricsSample sample = source.sample();
      latest.set(sample);
      for (var listener : listeners) {
        listener.accept(sample);
      }
    } catch (RuntimeException e) {
      // Keep the previous reading: one failed read of /proc is no reason to stop sampling.
      log.warn("Host metrics sample failed: {}", e.toString());
    }
  }

  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }
}
