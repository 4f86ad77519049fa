package ai.hanzo.libp2p.yamux;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Pings the remote every interval; a ping still unanswered when the next one is due means the
 * connection is dead.
 */
final class KeepAlive {
  private final EventLoop loop;
  private final Duration interval;
  private final PingTracker pings;
  private final LongSupplier sendPing;
  private final Runnable onDead;
  private ScheduledFuture<?> task;
  private long outstanding = -1;

  /**
   * @param sendPing sends a ping and returns its opaque value (negative when none was sent)
   * @param onDead called on the event loop when a ping went unanswered for a whole interval
   */
  KeepAlive(EventLoop loop, Duration interval, PingTracker pings, LongSupplier sendPing,
      Runnable onDead) {
    this.loop = loop;
    this.interval = interval;
    this.pings = pings;
    this.sendPing = sendPing;
    this.onDead = onDead;
  }

  void start() {
    if (interval.isZero() || task != null) {
      return;
    }
    // An immediate ping measures the round-trip time that window auto-tuning needs.
    outstanding = sendPing.getAsLong();
    long nanos = interval.toNanos();
    task = loop.scheduleAtFixedRate(this::tick, nanos, nanos, TimeUnit.NANOSECONDS);
  }

  void stop() {
    if (task != null) {
      task.cancel(false);
    }
  }

  private void tick() {
    if (outstanding >= 0 && pings.isOutstanding(outstanding)) {
      stop();
      onDead.run();
      return;
    }
    outstanding = sendPing.getAsLong();
  }
}
