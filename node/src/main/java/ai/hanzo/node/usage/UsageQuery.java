package ai.hanzo.node.usage;

import ai.hanzo.node.storage.UsageRecord;
import ai.hanzo.node.storage.ComputeUsageRecord;
import java.time.Instant;
import java.util.Objects;

/**
 * Which usage records a caller wants.
 *
 * @param since oldest time included
 * @param until first time excluded
 * @param org only this organisation's records; {@code null}: any the scope allows
 * @param model only this model's records; {@code null}: every model
 * @param limit records per page, 1 to {@link #MAX_LIMIT}
 * @param cursor where the previous page stopped, or {@code null} for the first page
 * @param scope whose records the caller may read at all
 * @param deploymentId only this deployment's compute usage; {@code null}: every deployment
 * @param granularity the buckets compute usage is summed in
 */
public record UsageQuery(Instant since, Instant until, String org, String model, int limit, UsageCursor cursor,
    UsageScope scope, String deploymentId, Granularity granularity) {
  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;

  public UsageQuery {
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(granularity, "granularity");
    if (!since.isBefore(until)) {
      throw new IllegalArgumentException("the time range is empty: since " + since + " is not before until " + until);
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
  }

  /** A query of inference records (and compute usage per hour) of every deployment. */
  public UsageQuery(Instant since, Instant until, String org, String model, int limit, UsageCursor cursor,
      UsageScope scope) {
    this(since, until, org, model, limit, cursor, scope, null, Granularity.HOUR);
  }

  boolean matches(UsageRecord record) {
    return scope.sees(record)
        && (org == null || org.equals(record.org()))
        && (model == null || model.equals(record.model()));
  }

  boolean matches(ComputeUsageRecord record) {
    return scope.sees(record.org())
        && !record.start().isBefore(since) && record.start().isBefore(until)
        && (org == null || org.equals(record.org()))
        && (deploymentId == null || deploymentId.equals(record.deploymentId()));
  }
}
