package ai.hanzo.node.p2p.protocol;

import ai.hanzo.libp2p.mux.MuxedStream;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flow control for a server that streams to a reader: the producer writes only while the stream is writable, is
 * called back when it is again, and a stream that stays unwritable for {@code stall} is reset (the reader stopped
 * reading), so a reader that never reads holds nothing here for longer than that.
 */
public final class StallGuard {
  private static final Logger log = LoggerFactory.getLogger(StallGuard.class);

  private final Duration stall;
  private final Supplier<String> who;
  private volatile Runnable whenReady;
  private volatile ScheduledFuture<?> stallTimer;

  /** @param who names the stalled reader in the log line, e.g. {@code "Peer X read none of its log stream"} */
  public StallGuard(Duration stall, Supplier<String> who) {
    this.stall = stall;
    this.who = who;
  }

  /** Whether the producer may write now; when not, the stall timer runs. */
  public boolean isReady(MuxedStream s) {
    if (s.isClosed()) {
      return false;
    }
    if (s.isWritable()) {
      return true;
    }
    armStallTimer(s);
    return false;
  }

  /** What runs when the stream is writable again. */
  public void onReady(Runnable callback) {
    whenReady = callback;
  }

  /** Call from the handler's {@code onWritabilityChanged}. */
  public void writabilityChanged(MuxedStream s) {
    if (!s.isWritable()) {
      return;
    }
    cancel();
    Runnable callback = whenReady;
    if (callback != null) {
      callback.run();
    }
  }

  /** Stops the stall timer (the stream ended or is writable again). */
  public void cancel() {
    ScheduledFuture<?> timer = stallTimer;
    if (timer != null) {
      timer.cancel(false);
      stallTimer = null;
    }
  }

  private void armStallTimer(MuxedStream s) {
    if (stallTimer != null) {
      return;
    }
    stallTimer = s.eventLoop().schedule(() -> {
      stallTimer = null;
      if (!s.isWritable() && !s.isClosed()) {
        log.info("{} for {} s; resetting it", who.get(), stall.toSeconds());
        s.reset();
      }
    }, stall.toMillis(), TimeUnit.MILLISECONDS);
  }
}
