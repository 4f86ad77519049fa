package ai.hanzo.node.qos;

import java.util.HashMap;
import java.util.Map;

/**
 * At most {@code perPeer} challenges of one peer being worked on at once. The rate limit bounds how many a peer
 * sends a minute; this bounds how much of the provider's answering threads one peer holds at a time, so a peer
 * that sends its minute's worth of hard compute challenges at once cannot keep others' challenges waiting.
 * Thread-safe; a peer with nothing in flight takes no memory.
 */
public final class PeerWorkInFlight {
  private final int perPeer;
  private final Map<String, Integer> inFlight = new HashMap<>();

  public PeerWorkInFlight(int perPeer) {
    if (perPeer < 1) {
      throw new IllegalArgumentException("perPeer must be at least 1, got " + perPeer);
    }
    this.perPeer = perPeer;
  }

  /** Counts one challenge of {@code peer} as started; false (and not counted) when the peer is at its cap. */
  public synchronized boolean tryStart(String peer) {
    int now = inFlight.getOrDefault(peer, 0);
    if (now >= perPeer) {
      return false;
    }
    inFlight.put(peer, now + 1);
    return true;
  }

  /** Ends one challenge {@link #tryStart} counted. */
  public synchronized void finish(String peer) {
    inFlight.computeIfPresent(peer, (p, n) -> n <= 1 ? null : n - 1);
  }

  public synchronized int inFlight(String peer) {
    return inFlight.getOrDefault(peer, 0);
  }

  public int perPeer() {
    return perPeer;
  }
}
