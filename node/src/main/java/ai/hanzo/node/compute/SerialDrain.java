package ai.hanzo.node.compute;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a drain step on whichever thread asks, one thread at a time, without a lock: a request that arrives while
 * another thread drains makes that thread drain once more instead of waiting. The relays use it so that producers,
 * the sink's readiness callbacks and completion all push queued output without ever draining concurrently.
 */
final class SerialDrain {
  private final Runnable drainOnce;
  private final AtomicInteger requests = new AtomicInteger();

  SerialDrain(Runnable drainOnce) {
    this.drainOnce = drainOnce;
  }

  /** Drains on the calling thread unless another thread is draining, which then drains once more. */
  void request() {
    if (requests.getAndIncrement() != 0) {
      return;
    }
    int seen = 1;
    do {
      drainOnce.run();
      seen = requests.addAndGet(-seen);
    } while (seen != 0);
  }
}
