package ai.hanzo.node.storage;

import java.time.Instant;
import java.util.List;

/**
 * Recent node events, for clients that reconnect and ask what they missed. Writes are not synced;
 * events older than {@link StorageOptions#eventRetention()} are pruned by {@link RetentionJob}.
 */
public final class EventStore {
  private final TimeSequencedLog<StoredEvent> log;

  EventStore(ColumnFamilyStore family) {
    this.log = new TimeSequencedLog<>(family, new StoredEventCodec(), StoredEvent::timestamp);
  }

  public void append(StoredEvent event) {
    log.append(event);
  }

  /** Events at or after {@code from}, oldest first. */
  public List<StoredEvent> since(Instant from) {
    return since(from, Integer.MAX_VALUE);
  }

  /** At most {@code limit} events at or after {@code from}, oldest first. */
  public List<StoredEvent> since(Instant from, int limit) {
    return log.between(from, Instant.MAX, limit);
  }

  void pruneBefore(Instant cutoff) {
    log.pruneBefore(cutoff);
  }
}
