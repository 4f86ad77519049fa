package ai.hanzo.node.runtime.logs;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The few threads that copy the output of every container of a runtime into its logs ({@link LogPump}s are tasks
 * on it, not threads), and the output of its execs to their clients: the node's thread count does not grow with
 * its containers or execs.
 */
public final class LogPumps implements AutoCloseable {
  private static final int THREADS = 2;

  private final ScheduledExecutorService scheduler;

  public LogPumps(String name) {
    AtomicInteger count = new AtomicInteger();
    this.scheduler = Executors.newScheduledThreadPool(THREADS, runnable -> {
      Thread thread = new Thread(runnable, name + "-log-pump-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  public ScheduledExecutorService scheduler() {
    return scheduler;
  }

  /** Stops every pump; what they had not read stays in the pipes for the next node. */
  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
