package ai.hanzo.node.api.endpoint;

import ai.hanzo.node.api.mapping.ProtoMapping;
import ai.hanzo.node.api.v1.GetMetricsRequest;
import ai.hanzo.node.api.v1.MetricsResponse;
import ai.hanzo.node.api.v1.NodeMetrics;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.registry.NodeRegistry;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * GetMetrics: one sample every {@code interval_seconds} (default 5, 1..3600) until the client cancels, from this
 * node's sampler or, for a registered node, its last heartbeat. A tick that finds the client not ready is
 * skipped, not buffered: metrics are a gauge, the next tick is as good.
 */
public final class MetricsStreams {
  static final int DEFAULT_INTERVAL = 5;
  static final int MAX_INTERVAL = 3600;

  private final SelfNode self;
  private final NodeRegistry registry;
  private final AtomicInteger open = new AtomicInteger();

  public MetricsStreams(SelfNode self, NodeRegistry registry) {
    this.self = self;
    this.registry = registry;
  }

  /** Validates, sends the first sample at once, then schedules ticks on {@code scheduler} (an event loop). */
  public StreamHandle open(GetMetricsRequest request, MessageSink<MetricsResponse> sink,
      ScheduledExecutorService scheduler) {
    int interval = request.getIntervalSeconds() == 0 ? DEFAULT_INTERVAL : request.getIntervalSeconds();
    if (interval < 1 || interval > MAX_INTERVAL) {
      throw NodeException.invalidField("interval_seconds", "must be between 1 and " + MAX_INTERVAL
          + " (0 means the default of " + DEFAULT_INTERVAL + "), was " + Integer.toUnsignedLong(interval));
    }
    Supplier<NodeMetrics> source = source(request.getNodeId());
    Tick tick = new Tick(source, sink);
    open.incrementAndGet();
    ScheduledFuture<?> f = scheduler.scheduleAtFixedRate(tick, 0, interval, TimeUnit.SECONDS);
    return new StreamHandle() {
      private final AtomicBoolean cancelled = new AtomicBoolean();

      @Override
      public void onReady() {}

      @Override
      public void cancel() {
        if (cancelled.compareAndSet(false, true)) {
          f.cancel(false);
          open.decrementAndGet();
        }
      }
    };
  }

  /** Streams currently open (for tests and the API's own metrics). */
  public int openStreams() {
    return open.get();
  }

  private Supplier<NodeMetrics> source(String nodeId) {
    if (self.isSelf(nodeId)) {
      return () -> ProtoMapping.metrics(self.metrics().latest());
    }
    registry.get(nodeId).orElseThrow(() -> NodeException.notFound("node", nodeId));
    return () -> registry.get(nodeId).filter(n -> n.lastMetrics() != null)
        .map(n -> ProtoMapping.metrics(n.lastMetrics())).orElse(NodeMetrics.getDefaultInstance());
  }

  private final class Tick implements Runnable {
    private final Supplier<NodeMetrics> source;
    private final MessageSink<MetricsResponse> sink;

    Tick(Supplier<NodeMetrics> source, MessageSink<MetricsResponse> sink) {
      this.source = source;
      this.sink = sink;
    }

    @Override
    public void run() {
      if (sink.isReady()) {
        sink.next(MetricsResponse.newBuilder().setTimestamp(self.clock().instant().getEpochSecond())
            .setMetrics(source.get()).build());
      }
    }
  }
}
