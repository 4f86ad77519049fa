package ai.hanzo.node.p2p.protocol;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts the streams (calls, generations) in flight per peer, so one peer never holds more than {@link #perPeer}
 * at once.
 */
public final class PeerSlots {
  private final int perPeer;
  private final Map<String, Integer> inUse = new ConcurrentHashMap<>();

  public PeerSlots(int perPeer) {
    this.perPeer = perPeer;
  }

  /** Takes a slot of {@code peer}; false when all of its slots are taken. */
  public boolean tryAcquire(String peer) {
    boolean[] taken = {false};
    inUse.compute(peer, (p, n) -> {
      int current = n == null ? 0 : n;
      if (current >= perPeer) {
        return current;
      }
      taken[0] = true;
      return current + 1;
    });
    return taken[0];
  }

  public void release(String peer) {
    inUse.computeIfPresent(peer, (p, n) -> n <= 1 ? null : n - 1);
  }

  int inUse(String peer) {
    return inUse.getOrDefault(peer, 0);
  }
}
