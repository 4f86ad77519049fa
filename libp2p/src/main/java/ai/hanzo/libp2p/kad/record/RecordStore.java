package ai.hanzo.libp2p.kad.record;

import ai.hanzo.libp2p.kad.wire.DhtRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The records this node holds, each for a fixed time after it was stored (the spec's 36 h by
 * default); the owner re-puts to keep a record alive. Bounded: when full, the record closest to
 * expiry makes room. Thread-safe.
 */
public final class RecordStore {
  private record Stored(DhtRecord record, Instant expires) {}

  private final Clock clock;
  private final Duration ttl;
  private final int maxRecords;
  private final Map<BytesKey, Stored> records = new LinkedHashMap<>();

  public RecordStore(Clock clock, Duration ttl, int maxRecords) {
    this.clock = clock;
    this.ttl = ttl;
    this.maxRecords = maxRecords;
  }

  public synchronized void put(DhtRecord record) {
    purgeExpired();
    BytesKey key = new BytesKey(record.key());
    if (!records.containsKey(key) && records.size() >= maxRecords) {
      records.entrySet().stream()
          .min(Map.Entry.comparingByValue((a, b) -> a.expires.compareTo(b.expires)))
          .ifPresent(e -> records.remove(e.getKey()));
    }
    records.put(key, new Stored(record, clock.instant().plus(ttl)));
  }

  public synchronized Optional<DhtRecord> get(byte[] key) {
    Stored s = records.get(new BytesKey(key));
    if (s == null || !clock.instant().isBefore(s.expires)) {
      return Optional.empty();
    }
    return Optional.of(s.record);
  }

  public synchronized void purgeExpired() {
    Instant now = clock.instant();
    records.values().removeIf(s -> !now.isBefore(s.expires));
  }

  public synchronized int size() {
    return records.size();
  }
}
