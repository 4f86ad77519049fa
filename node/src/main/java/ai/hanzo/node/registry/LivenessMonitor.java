package ai.hanzo.node.registry;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Periodically marks silent registered nodes offline (checking twice per heartbeat interval). */
public final class LivenessMonitor implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LivenessMonitor.class);

  private final NodeRegistry registry;
  private ScheduledExecutorService scheduler;

  public LivenessMonitor(NodeRegistry registry) {
    this.registry = registry;
  }

  public synchronized void start() {
    if (scheduler != null) {
      return;
    }
    Duration every = registry.config().heartbeatInterval().dividedBy(2);
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "registry-liveness");
      t.setDaemon(true);
      return t;
    });
    scheduler.scheduleWithFixedDelay(this::sweep, every.toMillis(), Math.max(1, every.toMillis()),
        TimeUnit.MILLISECONDS);
  }

  private void sweep() {
    try {
      int marked = registry.markSilentNodesOffline();
      if (marked > 0) {
        log.info("{} registered node(s) went offline", marked);
      }
    } catch (RuntimeException e) {
      log.warn("Liveness sweep failed: {}", e.toString());
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
