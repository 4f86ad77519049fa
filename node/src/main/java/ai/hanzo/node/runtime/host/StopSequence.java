package ai.hanzo.node.runtime.host;

import ai.hanzo.node.runtime.ContainerRuntimeException;
import ai.hanzo.node.runtime.RuntimeErrorCode;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * How every runtime stops a container: SIGTERM, up to {@code grace} for it to end, then SIGKILL and up to
 * {@link #KILL_TIMEOUT} more; a container still running after that is a TIMEOUT. The runtimes differ only in how
 * they send a signal and ask whether the container runs, so they hand those in. Runs on the caller's thread and
 * blocks for as long as the container takes to end: never call it on an event loop.
 */
public final class StopSequence {
  public static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration POLL = Duration.ofMillis(20);

  private StopSequence() {}

  /**
   * Stops container {@code id}; returns at once when it is not running, and sends only SIGKILL when {@code grace} is
   * zero. {@code signal} sends a signal by name ({@code TERM}, {@code KILL}).
   */
  public static void stop(String id, Duration grace, BooleanSupplier running, Consumer<String> signal) {
    stop(id, grace, KILL_TIMEOUT, running, signal);
  }

  static void stop(String id, Duration grace, Duration killTimeout, BooleanSupplier running,
      Consumer<String> signal) {
    if (!running.getAsBoolean()) {
      return;
    }
    if (!grace.isZero()) {
      signal.accept("TERM");
      if (awaitEnd(running, grace)) {
        return;
      }
    }
    signal.accept("KILL");
    if (!awaitEnd(running, killTimeout)) {
      throw new ContainerRuntimeException(RuntimeErrorCode.TIMEOUT, "container " + id + " did not end within "
          + killTimeout.toSeconds() + " s of SIGKILL");
    }
  }

  /** Polls until {@code running} turns false; false on timeout. */
  static boolean awaitEnd(BooleanSupplier running, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (running.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      LockSupport.parkNanos(POLL.toNanos());
    }
    return true;
  }
}
