package ai.hanzo.libp2p.yamux;

import io.netty.util.concurrent.Promise;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Outstanding pings by opaque value, and the last measured round-trip time. */
final class PingTracker {
  private record Outstanding(long sentNanos, Promise<Duration> promise) {}

  private final Map<Long, Outstanding> outstanding = new HashMap<>();
  private long nextOpaque;
  private long lastRttNanos;

  /** Registers a ping and returns the opaque value to send. */
  long start(Promise<Duration> promise, long nowNanos) {
    long opaque = nextOpaque;
    nextOpaque = (nextOpaque + 1) & FrameHeader.MAX_U32;
    outstanding.put(opaque, new Outstanding(nowNanos, promise));
    return opaque;
  }

  boolean isOutstanding(long opaque) {
    return outstanding.containsKey(opaque);
  }

  void acknowledged(long opaque, long nowNanos) throws YamuxProtocolException {
    Outstanding ping = outstanding.remove(opaque);
    if (ping == null) {
      throw new YamuxProtocolException("ping ACK with opaque value " + opaque + " that was never sent");
    }
    lastRttNanos = Math.max(1, nowNanos - ping.sentNanos());
    ping.promise().trySuccess(Duration.ofNanos(lastRttNanos));
  }

  /** 0 until the first ping came back. */
  long lastRttNanos() {
    return lastRttNanos;
  }

  void failAll(Throwable cause) {
    outstanding.values().forEach(p -> p.promise().tryFailure(cause));
    outstanding.clear();
  }
}
