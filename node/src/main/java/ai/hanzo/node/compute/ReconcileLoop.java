package ai.hanzo.node.compute;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the engine's periodic pass every {@code interval} on one thread of its own, so passes never overlap. The pass
 * only observes and dispatches to the deployment workers; changes trigger those workers directly.
 */
final class ReconcileLoop implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ReconcileLoop.class);

  private final Runnable pass;
  private final Duration interval;
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
