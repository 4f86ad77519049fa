package ai.hanzo.node.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGINT/SIGTERM handling: the first signal starts a graceful shutdown, a second one forces the process out at once.
 * Signal handlers rather than a shutdown hook, because a hook cannot see the second signal.
 */
final class ShutdownSignals {
  private static final Logger log = LoggerFactory.getLogger(ShutdownSignals.class);
  private static final int FORCED_EXIT = 130;

  private final CountDownLatch first = new CountDownLatch(1);
  private final AtomicInteger received = new AtomicInteger();

  private ShutdownSignals() {}

  static ShutdownSignals install() {
    ShutdownSignals signals = new ShutdownSignals();
    for (String name : new String[] {"INT", "TERM"}) {
      Signal.handle(new Signal(name), signals::onSignal);
    }
    return signals;
  }

  void awaitFirst() throws InterruptedException {
    first.await();
  }

  private void onSignal(Signal signal) {
    if (received.incrementAndGet() == 1) {
      log.info("Received SIG{}; shutting down gracefully (send it again to force exit)", signal.getName());
      first.countDown();
    } else {
      log.warn("Received SIG{} again; forcing exit", signal.getName());
      Runtime.getRuntime().halt(FORCED_EXIT);
    }
  }
}
