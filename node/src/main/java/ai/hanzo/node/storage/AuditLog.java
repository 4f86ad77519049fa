package ai.hanzo.node.storage;

import java.time.Instant;
import java.util.List;

/**
 * Who did what, when. Appends are synced like other state when {@link StorageOptions#syncWrites()}
 * is on; entries older than {@link StorageOptions#auditRetention()} are pruned by {@link
 * RetentionJob}.
 */
public final class AuditLog {
  private final TimeSequencedLog<AuditEntry> log;

  AuditLog(ColumnFamilyStore family) {
    this.log = new TimeSequencedLog<>(family, new AuditEntryCodec(), AuditEntry::timestamp);
  }

  public void append(AuditEntry entry) {
    log.append(entry);
  }

  /** At most {@code limit} entries with {@code from <= timestamp < to}, oldest first. */
  public List<AuditEntry> query(Instant from, Instant to, int limit) {
    return log.between(from, to, limit);
  }

  void pruneBefore(Instant cutoff) {
    log.pruneBefore(cutoff);
  }
}
