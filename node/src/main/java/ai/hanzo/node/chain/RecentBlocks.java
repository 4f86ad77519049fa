package ai.hanzo.node.chain;

import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The hashes of the latest blocks the node saw, by number, at most {@code capacity} of them (older ones are
 * forgotten). Used on the follower's thread only.
 */
final class RecentBlocks {
  private final int capacity;
  private final NavigableMap<Long, String> hashes = new TreeMap<>();

  RecentBlocks(int capacity) {
    this.capacity = capacity;
  }

  boolean isEmpty() {
    return hashes.isEmpty();
  }

  long highest() {
    return hashes.lastKey();
  }

  long lowest() {
    return hashes.firstKey();
  }

  Optional<String> hash(long number) {
    return Optional.ofNullable(hashes.get(number));
  }

  /** The remembered numbers from {@code from} downwards. */
  Iterable<Long> downFrom(long from) {
    return hashes.headMap(from, true).descendingKeySet();
  }

  void put(long number, String hash) {
    hashes.put(number, hash);
    while (hashes.size() > capacity) {
      hashes.pollFirstEntry();
    }
  }

  /** Forgets every block above {@code number}: they left the chain. */
  void dropAbove(long number) {
    hashes.tailMap(number, false).clear();
  }

  int size() {
    return hashes.size();
  }

  Map<Long, String> view() {
    return java.util.Collections.unmodifiableMap(hashes);
  }
}
