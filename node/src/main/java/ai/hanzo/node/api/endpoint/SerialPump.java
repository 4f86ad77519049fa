package ai.hanzo.node.api.endpoint;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a drain action on an executor, never twice at once, and again whenever it was signalled while running, so
 * producers on any thread can call {@link #signal()} and the transport sees one writer at a time.
 */
final class SerialPump {
  private final Executor executor;
  private final Runnable drain;
  private final AtomicInteger pending = new AtomicInteger();

  SerialPump(Executor executor, Runnable drain) {
    this.executor = executor;
    this.drain = drain;
  }

  void signal() {
    if (pending.getAndIncrement() == 0) {
      executor.execute(this::run);
    }
  }

  private void run() {
    int seen = pending.get();
    while (true) {
      drain.run();
      int now = pending.addAndGet(-seen);
      if (now == 0) {
        return;
      }
      seen = now;
    }
  }
}
