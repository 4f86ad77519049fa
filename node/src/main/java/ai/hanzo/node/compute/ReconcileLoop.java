package ai.hanzo.node.compute;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a reconcile pass every {@code interval} and soon after {@link #trigger()}, on one thread of its own so
 * passes never overlap. Triggers that arrive while a pass is queued fold into it.
 */
final class ReconcileLoop implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ReconcileLoop.class);

  private final Runnable pass;
  private final Duration interval;
  private final AtomicBoolean queued = new AtomicBoolean();
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "compute-reconcile");
    t.setDaemon(true);
    return t;
  });

  ReconcileLoop(Runnable pass, Duration interval) {
    this.pass = pass;
    this.interval = interval;
  }

  void start() {
    executor.scheduleWithFixedDelay(this::runPass, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  void trigger() {
    if (queued.compareAndSet(false, true) && !executor.isShutdown()) {
      executor.execute(() -> {
        queued.set(false);
        runPass();
      });
    }
  }

  private void runPass() {
    try {
      pass.run();
    } catch (RuntimeException e) {
      // A failing pass must not cancel the periodic schedule; the next one retries.
      log.warn("Reconcile pass failed: {}", e.toString());
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
        log.warn("The reconcile loop did not end within 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
