package ai.hanzo.node.chain;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The last registry answer per PeerId, bounded: beyond {@code capacity} peers the least recently used is dropped
 * (peers come and go; a Sybil flood must not grow the heap). An answer is fresh until the head has moved
 * {@code refreshBlocks} blocks past the block it was read at; a stale one (the chain could not be asked) is tried
 * again once {@code retryAfter} has passed. Thread-safe; never calls the chain itself.
 */
final class StakeCache {
  private final int capacity;
  private final int refreshBlocks;
  private final Duration retryAfter;
  private final Map<String, PeerStake> entries;

  StakeCache(int capacity, int refreshBlocks, Duration retryAfter) {
    if (capacity < 1 || refreshBlocks < 1) {
      throw new IllegalArgumentException("capacity and refreshBlocks must be at least 1");
    }
    this.capacity = capacity;
    this.refreshBlocks = refreshBlocks;
    this.retryAfter = retryAfter;
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, PeerStake> eldest) {
        return size() > StakeCache.this.capacity;
      }
    };
  }

  synchronized Optional<PeerStake> get(String peerId) {
    return Optional.ofNullable(entries.get(peerId));
  }

  /** The cached answer when it may still be used as it is at {@code head} and {@code now}. */
  synchronized Optional<PeerStake> fresh(String peerId, long head, Instant now) {
    PeerStake s = entries.get(peerId);
    if (s == null) {
      return Optional.empty();
    }
    if (s.stale()) {
      return now.isBefore(s.checkedAt().plus(retryAfter)) ? Optional.of(s) : Optional.empty();
    }
    return head - s.checkedAtBlock() < refreshBlocks ? Optional.of(s) : Optional.empty();
  }

  synchronized void put(PeerStake answer) {
    entries.put(answer.peerId(), answer);
  }

  /**
   * The chain could not be asked: the last known answer stays, marked stale, or an unknown one when there was
   * none. Returns what is cached now.
   */
  synchronized PeerStake failed(String peerId, Instant now, String why) {
    PeerStake last = entries.get(peerId);
    PeerStake current = last == null || !last.answered() ? PeerStake.unknown(peerId, now, why) : last.stale(now, why);
    entries.put(peerId, current);
    return current;
  }

  synchronized int size() {
    return entries.size();
  }

  int capacity() {
    return capacity;
  }
}
