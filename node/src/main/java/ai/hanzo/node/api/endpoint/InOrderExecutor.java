package ai.hanzo.node.api.endpoint;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks on a pool one after the other, in the order given: the steps of one streamed upload (gRPC or HTTP),
 * each of which may block on the disk, without two of them ever touching the upload at once.
 */
public final class InOrderExecutor implements Executor {
  private static final Logger log = LoggerFactory.getLogger(InOrderExecutor.class);

  private final Executor pool;
  private final Queue<Runnable> tasks = new ArrayDeque<>();
  private boolean draining;

  public InOrderExecutor(Executor pool) {
    this.pool = pool;
  }

  @Override
  public void execute(Runnable task) {
    synchronized (tasks) {
      tasks.add(task);
      if (draining) {
        return;
      }
      draining = true;
    }
    pool.execute(this::drain);
  }

  private void drain() {
    while (true) {
      Runnable next;
      synchronized (tasks) {
        next = tasks.poll();
        if (next == null) {
          draining = false;
          return;
        }
      }
      try {
        next.run();
      } catch (RuntimeException e) {
        log.warn("a step run in order failed", e);
      }
    }
  }
}
