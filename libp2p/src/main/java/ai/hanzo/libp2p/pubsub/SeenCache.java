package ai.hanzo.libp2p.pubsub;

import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Message ids seen within the last TTL, for de-duplication. Not thread-safe. */
final class SeenCache {
  private final Clock clock;
  private final long ttlMillis;
  private final Map<MessageId, Long> seenAt = new LinkedHashMap<>();

  SeenCache(Clock clock, long ttlMillis) {
    this.clock = clock;
    this.ttlMillis = ttlMillis;
  }

  /** Records {@code id}; true when it was not seen within the TTL. */
  boolean add(MessageId id) {
    long now = clock.millis();
    expire(now);
    return seenAt.putIfAbsent(id, now) == null;
  }

  boolean contains(MessageId id) {
    expire(clock.millis());
    return seenAt.containsKey(id);
  }

  int size() {
    return seenAt.size();
  }

  private void expire(long now) {
    Iterator<Long> it = seenAt.values().iterator();
    while (it.hasNext() && it.next() + ttlMillis <= now) {
      it.remove();
    }
  }
}
