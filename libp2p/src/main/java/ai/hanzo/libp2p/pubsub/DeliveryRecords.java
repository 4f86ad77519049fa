package ai.hanzo.libp2p.pubsub;

import ai.hanzo.libp2p.peer.PeerId;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the scorer remembers of each recent message: its validation outcome, when it was first
 * seen and validated, and which peers also sent it (to credit near-first mesh deliveries, P3).
 */
final class DeliveryRecords {
  enum Status { PENDING, VALID, INVALID, IGNORED }

  static final class Record {
    Status status = Status.PENDING;
    final long firstSeenMillis;
    long validatedMillis;
    final Set<PeerId> peers = new HashSet<>();

    Record(long firstSeenMillis) {
      this.firstSeenMillis = firstSeenMillis;
    }
  }

  private final long ttlMillis;
  private final Map<MessageId, Record> records = new LinkedHashMap<>();

  DeliveryRecords(long ttlMillis) {
    this.ttlMillis = ttlMillis;
  }

  Record get(MessageId id, long nowMillis) {
    return records.computeIfAbsent(id, k -> new Record(nowMillis));
  }

  /** Drops records older than the TTL (insertion order is age order). */
  void expire(long nowMillis) {
    Iterator<Record> it = records.values().iterator();
    while (it.hasNext() && it.next().firstSeenMillis + ttlMillis < nowMillis) {
      it.remove();
    }
  }

  int size() {
    return records.size();
  }
}
