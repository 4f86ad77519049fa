package ai.hanzo.node.storage;

import java.time.Instant;
import java.util.List;

/**
 * Inference usage, one record per request, in time order. Records arrive in batches from one writer thread and
 * each batch is one RocksDB write to the write-ahead log without fsync (the column family is not durable in
 * {@link StorageOptions#syncWrites()}'s sense): a usage record is written after its request was answered, so an
 * fsync would buy nothing the client waits for, and one per request would cap generation throughput at the disk's
 * sync rate. The WAL write still survives a crash of the node process; a power loss may lose the last moments'
 * records, and a clean stop syncs the WAL. Records older than {@link StorageOptions#auditRetention()} (usage is an
 * account of callers, kept as long as the audit of them) are pruned by {@link RetentionJob}.
 */
public final class UsageLog {
  private final TimeSequencedLog<UsageRecord> log;

  UsageLog(ColumnFamilyStore family) {
    this.log = new TimeSequencedLog<>(family, new UsageRecordCodec(), UsageRecord::time);
  }

  /** Appends {@code records} in one atomic write. */
  public void appendAll(List<UsageRecord> records) {
    log.appendAll(records);
  }

  /**
   * At most {@code limit} records with {@code from <= time < to}, oldest first, each with its position; after
   * {@code after} (exclusive) when it is not {@code null}.
   */
  public List<LogEntry<UsageRecord>> page(Instant from, Instant to, LogPosition after, int limit) {
    return log.page(from, to, after, limit);
  }

  void pruneBefore(Instant cutoff) {
    log.pruneBefore(cutoff);
  }
}
