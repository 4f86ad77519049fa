package ai.hanzo.node.usage;

import ai.hanzo.node.storage.LogEntry;
import ai.hanzo.node.storage.LogPosition;
import ai.hanzo.node.storage.UsageLog;
import ai.hanzo.node.storage.UsageRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Pages through the usage log and sums it. The log is ordered by time only, so records are read in batches and
 * filtered here. A page reads at most {@link #PAGE_SCAN_BUDGET} records (a selective filter over a long range then
 * returns a short page with a token to continue rather than scanning without bound); the totals read at most
 * {@link #TOTALS_SCAN_BUDGET} and say when they stopped short. Blocking (reads RocksDB).
 */
public final class UsageSearch {
  static final int BATCH = 512;
  static final int PAGE_SCAN_BUDGET = 50_000;
  static final int TOTALS_SCAN_BUDGET = 1_000_000;

  private final UsageLog log;
  private final UsageRecorder recorder;

  /** @param recorder flushed first, so a query sees every request answered before it */
  public UsageSearch(UsageLog log, UsageRecorder recorder) {
    this.log = log;
    this.recorder = recorder;
  }

  public UsagePage find(UsageQuery query) {
    recorder.flush();
    List<UsageRecord> page = new ArrayList<>();
    LogPosition position = query.cursor() == null ? null : query.cursor().after();
    LogPosition next = null;
    int scanned = 0;
    while (next == null) {
      List<LogEntry<UsageRecord>> batch = log.page(query.since(), query.until(), position, BATCH);
      for (LogEntry<UsageRecord> entry : batch) {
        position = entry.position();
        scanned++;
        if (query.matches(entry.value())) {
          page.add(entry.value());
          if (page.size() == query.limit()) {
            next = position;
            break;
          }
        }
      }
      if (next == null && batch.size() < BATCH) {
        break;
      }
      if (next == null && scanned >= PAGE_SCAN_BUDGET) {
        next = position;
      }
    }
    if (next != null && log.page(query.since(), query.until(), next, 1).isEmpty()) {
      next = null; // the page ended with the range's last record: no empty page to fetch
    }
    Totals totals = totals(query);
    return new UsagePage(page, next == null ? null : new UsageCursor(next), totals.sums(), totals.complete());
  }

  private Totals totals(UsageQuery query) {
    Map<List<String>, UsageTotals> sums = new LinkedHashMap<>();
    LogPosition position = null;
    int scanned = 0;
    while (true) {
      List<LogEntry<UsageRecord>> batch = log.page(query.since(), query.until(), position, BATCH);
      for (LogEntry<UsageRecord> entry : batch) {
        position = entry.position();
        UsageRecord r = entry.value();
        if (query.matches(r)) {
          sums.merge(java.util.Arrays.asList(r.org(), r.model()),
              new UsageTotals(r.org(), r.model(), 1, r.promptTokens(), r.completionTokens()),
              (a, b) -> a.plus(b.promptTokens(), b.completionTokens()));
        }
      }
      scanned += batch.size();
      if (batch.size() < BATCH) {
        return new Totals(sorted(sums), true);
      }
      if (scanned >= TOTALS_SCAN_BUDGET) {
        return new Totals(sorted(sums), false);
      }
    }
  }

  private static List<UsageTotals> sorted(Map<List<String>, UsageTotals> sums) {
    return sums.values().stream()
        .sorted(Comparator.comparing((UsageTotals t) -> Objects.toString(t.org(), ""))
            .thenComparing(UsageTotals::model))
        .toList();
  }

  private record Totals(List<UsageTotals> sums, boolean complete) {
  }
}
