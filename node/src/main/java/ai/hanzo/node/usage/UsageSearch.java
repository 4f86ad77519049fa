package ai.hanzo.node.usage;

import ai.hanzo.node.storage.ComputeUsageLog;
import ai.hanzo.node.storage.ComputeUsageRecord;
import ai.hanzo.node.storage.LogEntry;
import ai.hanzo.node.storage.LogPosition;
import ai.hanzo.node.storage.UsageLog;
import ai.hanzo.node.storage.OpenUsageInterval;
import ai.hanzo.node.storage.UsageRecord;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
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
  private final ComputeUsageLog computeLog;
  private final UsageRecorder recorder;

  /** @param recorder flushed first, so a query sees every request answered before it */
  public UsageSearch(UsageLog log, ComputeUsageLog computeLog, UsageRecorder recorder) {
    this.log = log;
    this.computeLog = computeLog;
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
    Compute compute = compute(query);
    return new UsagePage(page, next == null ? null : new UsageCursor(next), totals.sums(), totals.complete(),
        compute.rows(), compute.complete());
  }

  /**
   * Compute usage in the query's buckets: the closed intervals that start in its range (an interval never spans an
   * hour boundary, so one starting before {@code until} ends within the hour after it), then the open ones as the
   * node's last sample left them.
   */
  private Compute compute(UsageQuery query) {
    Map<List<Object>, ComputeUsageRow> rows = new HashMap<>();
    Instant scanTo = query.until().plus(1, ChronoUnit.HOURS);
    ComputeUsageRecord after = null;
    int scanned = 0;
    boolean complete = true;
    while (true) {
      List<ComputeUsageRecord> batch = computeLog.endingBetween(query.since(), scanTo, after, BATCH);
      batch.forEach(r -> add(rows, query, r));
      scanned += batch.size();
      if (batch.size() < BATCH) {
        break;
      }
      after = batch.get(batch.size() - 1);
      if (scanned >= TOTALS_SCAN_BUDGET) {
        complete = false;
        break;
      }
    }
    for (OpenUsageInterval open : computeLog.openIntervals()) {
      if (open.lastSample().isAfter(open.start())) {
        add(rows, query, open.close());
      }
    }
    List<ComputeUsageRow> sorted = rows.values().stream()
        .sorted(Comparator.comparing(ComputeUsageRow::start)
            .thenComparing((ComputeUsageRow r) -> Objects.toString(r.org(), ""))
            .thenComparing(ComputeUsageRow::deploymentId))
        .toList();
    return new Compute(sorted, complete);
  }

  private static void add(Map<List<Object>, ComputeUsageRow> rows, UsageQuery query, ComputeUsageRecord r) {
    if (!query.matches(r)) {
      return;
    }
    Instant start = query.granularity().bucketStart(r.start(), query.since());
    rows.merge(Arrays.asList(start, r.org(), r.deploymentId()),
        ComputeUsageRow.of(r, start, query.granularity().bucketEnd(start, query.until())), ComputeUsageRow::plus);
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
          sums.merge(Arrays.asList(r.org(), r.model()),
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

  private record Compute(List<ComputeUsageRow> rows, boolean complete) {
  }
}
