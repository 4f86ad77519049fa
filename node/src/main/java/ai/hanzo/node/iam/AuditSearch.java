package ai.hanzo.node.iam;

import ai.hanzo.node.storage.AuditEntry;
import ai.hanzo.node.storage.AuditLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Pages through the audit log with filters. The store scans by time only, so entries are read in batches and
 * filtered here; one request reads at most {@link #SCAN_BUDGET} entries, and a selective filter over a long range
 * then returns a short page with a token to continue instead of scanning without bound.
 */
public final class AuditSearch {
  static final int BATCH = 512;
  static final int SCAN_BUDGET = 50_000;

  private final AuditLog log;

  public AuditSearch(AuditLog log) {
    this.log = log;
  }

  public AuditPage find(AuditQuery query) {
    AuditCursor position = query.cursor() != null ? query.cursor() : new AuditCursor(query.since(), 0);
    List<AuditEntry> page = new ArrayList<>();
    int scanned = 0;
    while (true) {
      int wanted = BATCH + position.skip();
      // The same lower bound for every page of one query, so the skip counts the same entries each time.
      Instant from = position.at().isAfter(query.since()) ? position.at() : query.since();
      List<AuditEntry> batch = log.query(from, query.until(), wanted);
      AuditCursor cursor = position;
      int skipped = 0;
      for (AuditEntry entry : batch) {
        if (skipped < position.skip() && position.sameMillisecond(entry.timestamp())) {
          skipped++;
          continue;
        }
        cursor = cursor.after(entry.timestamp());
        scanned++;
        if (query.matches(entry)) {
          page.add(entry);
          if (page.size() == query.limit()) {
            return new AuditPage(page, cursor);
          }
        }
      }
      if (batch.size() < wanted) {
        return new AuditPage(page, null);
      }
      if (scanned >= SCAN_BUDGET) {
        return new AuditPage(page, cursor);
      }
      position = cursor;
    }
  }
}
