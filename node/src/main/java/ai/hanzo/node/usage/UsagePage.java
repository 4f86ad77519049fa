package ai.hanzo.node.usage;

import ai.hanzo.node.storage.UsageRecord;
import java.util.List;

/**
 * One page of usage records, oldest first, and the totals per (org, model) of every record the query matches in its
 * whole range (not only this page's).
 *
 * @param next where the next page starts; {@code null} on the last page
 * @param totalsComplete false when the range held more records than one query sums ({@link UsageSearch}); the totals
 *     then cover its oldest ones only, and a shorter range gives exact ones
 * @param compute compute usage per bucket, organisation and deployment, oldest bucket first
 * @param computeComplete false when the range held more compute intervals than one query sums; the rows then cover
 *     the oldest
 */
public record UsagePage(List<UsageRecord> records, UsageCursor next, List<UsageTotals> totals,
    boolean totalsComplete, List<ComputeUsageRow> compute, boolean computeComplete) {
  public UsagePage {
    records = List.copyOf(records);
    totals = List.copyOf(totals);
    compute = List.copyOf(compute);
  }
}
