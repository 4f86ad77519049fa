package ai.hanzo.node.qos;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * At most {@code perWindow} challenges from one peer in any sliding {@code window}, so no peer can flood a
 * provider with challenges (compute ones cost real work). Peers that went quiet are forgotten. Thread-safe.
 */
public final class PeerRateLimit {
  private final Clock clock;
  private final int perWindow;
  private final Duration window;
  private final Map<String, Deque<Long>> recent = new HashMap<>();

  public PeerRateLimit(Clock clock, int perWindow, Duration window) {
    this.clock = clock;
    this.perWindow = perWindow;
    this.window = window;
  }

  /** Counts one challenge from {@code peer}; false (and not counted) when the peer is at its limit. */
  public synchronized boolean tryAcquire(String peer) {
    long now = clock.millis();
    long oldest = now - window.toMillis();
    recent.values().removeIf(times -> {
      while (!times.isEmpty() && times.peekFirst() <= oldest) {
        times.pollFirst();
      }
      return times.isEmpty();
    });
    Deque<Long> times = recent.computeIfAbsent(peer, p -> new ArrayDeque<>());
    if (times.size() >= perWindow) {
      return false;
    }
    times.addLast(now);
    return true;
  }
}
