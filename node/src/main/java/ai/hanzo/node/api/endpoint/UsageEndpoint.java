package ai.hanzo.node.api.endpoint;

import ai.hanzo.node.api.access.OrgScope;
import ai.hanzo.node.api.mapping.FieldRules;
import ai.hanzo.node.api.v1.ComputeUsage;
import ai.hanzo.node.api.v1.QueryUsageRequest;
import ai.hanzo.node.api.v1.QueryUsageResponse;
import ai.hanzo.node.api.v1.UsageEntry;
import ai.hanzo.node.api.v1.UsageStatementReply;
import ai.hanzo.node.api.v1.UsageTotal;
import ai.hanzo.node.compute.Tenant;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.p2p.NodeIdentity;
import ai.hanzo.node.storage.UsageRecord;
import ai.hanzo.node.usage.ComputeUsageRow;
import ai.hanzo.node.usage.Granularity;
import ai.hanzo.node.usage.UsageCursor;
import ai.hanzo.node.usage.UsagePage;
import ai.hanzo.node.usage.UsageQuery;
import ai.hanzo.node.usage.UsageScope;
import ai.hanzo.node.usage.UsageSearch;
import ai.hanzo.node.usage.UsageStatement;
import ai.hanzo.node.usage.UsageTotals;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * QueryUsage, for both transports (the HTTP mirror is {@code GET /v1/usage}). Reads RocksDB: transports call it off
 * the event loop. Scoped exactly like the audit trail: a caller confined to one organisation ({@link OrgScope})
 * reads only the usage of that organisation's callers, whatever its filters and page token say; an {@code org}
 * filter naming another organisation then matches nothing.
 */
public final class UsageEndpoint {
  static final Duration DEFAULT_RANGE = Duration.ofHours(24);

  private final Optional<UsageSearch> search;
  private final Supplier<Optional<NodeIdentity>> identity;
  private final Supplier<String> nodeId;
  private final Clock clock;

  /** @param identity the key statements are signed with, once the node has one */
  public UsageEndpoint(Optional<UsageSearch> search, Supplier<Optional<NodeIdentity>> identity,
      Supplier<String> nodeId, Clock clock) {
    this.search = search;
    this.identity = identity;
    this.nodeId = nodeId;
    this.clock = clock;
  }

  public QueryUsageResponse query(QueryUsageRequest request) {
    UsagePage page = find(request);
    QueryUsageResponse.Builder response = QueryUsageResponse.newBuilder().setTotalsComplete(page.totalsComplete());
    page.records().forEach(r -> response.addRecords(entry(r)));
    page.totals().forEach(t -> response.addTotals(total(t)));
    page.compute().forEach(c -> response.addCompute(compute(c)));
    response.setComputeComplete(page.computeComplete());
    if (page.next() != null) {
      response.setNextPageToken(page.next().token());
    }
    return response.build();
  }

  /**
   * ExportUsage: the compute usage per hour and the inference totals of the request's range and filters (its limit,
   * page token and granularity do not apply) as a {@link UsageStatement} signed with the node's identity key.
   */
  public UsageStatementReply export(QueryUsageRequest request) {
    NodeIdentity key = identity.get().orElseThrow(() -> new NodeException(ErrorCode.FAILED_PRECONDITION,
        "this node has no network identity yet to sign a usage statement with; try again once it has started"));
    QueryUsageRequest hourly = request.toBuilder().clearLimit().clearPageToken().setGranularity("hour").build();
    UsagePage page = find(hourly);
    return UsageStatementReply.newBuilder()
        .setJson(UsageStatement.sign(page, toQuery(hourly), nodeId.get(), key.key(), clock.instant())).build();
  }

  private UsagePage find(QueryUsageRequest request) {
    FieldRules.check(request); // the HTTP route builds it from query parameters
    UsageSearch s = search.orElseThrow(() -> new NodeException(ErrorCode.UNIMPLEMENTED,
        "this node keeps no usage records"));
    return s.find(toQuery(request));
  }

  private UsageQuery toQuery(QueryUsageRequest r) {
    Instant until = r.getUntil().isBlank() ? clock.instant() : time(r.getUntil(), "until");
    Instant since = r.getSince().isBlank() ? until.minus(DEFAULT_RANGE) : time(r.getSince(), "since");
    if (!since.isBefore(until)) {
      throw NodeException.invalidField("since", "must be before until (" + until + ")");
    }
    int limit = r.getLimit() == 0 ? UsageQuery.DEFAULT_LIMIT : r.getLimit();
    if (limit < 0 || limit > UsageQuery.MAX_LIMIT) {
      throw NodeException.invalidField("limit", "must be at most " + UsageQuery.MAX_LIMIT);
    }
    UsageCursor cursor;
    try {
      cursor = r.getPageToken().isEmpty() ? null : UsageCursor.parse(r.getPageToken());
    } catch (IllegalArgumentException e) {
      throw NodeException.invalidField("page_token", e.getMessage());
    }
    Granularity granularity;
    try {
      granularity = Granularity.parse(r.getGranularity());
    } catch (IllegalArgumentException e) {
      throw NodeException.invalidField("granularity", e.getMessage());
    }
    return new UsageQuery(since, until, blankToNull(r.getOrg()), blankToNull(r.getModel()), limit, cursor,
        scope(OrgScope.current()), blankToNull(r.getDeploymentId()), granularity);
  }

  /** The caller's scope; the page token is only a position, never a scope. */
  static UsageScope scope(Tenant tenant) {
    return tenant.seesAll() ? UsageScope.ALL : UsageScope.only(tenant.org());
  }

  /** RFC 3339: a date, a time and an offset ({@code Z} or {@code +01:00}). */
  static Instant time(String text, String field) {
    try {
      return OffsetDateTime.parse(text.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw NodeException.invalidField(field, "'" + clip(text) + "' is not an RFC 3339 time such as"
          + " 2026-01-31T12:00:00Z");
    }
  }

  private static UsageEntry entry(UsageRecord r) {
    return UsageEntry.newBuilder().setTime(r.time().truncatedTo(ChronoUnit.MILLIS).toString())
        .setRequestId(r.requestId()).setModel(r.model()).setSubject(r.subject())
        .setOrg(r.org() == null ? "" : r.org()).setApi(r.api()).setPromptTokens(r.promptTokens())
        .setCompletionTokens(r.completionTokens()).setFinishReason(r.finishReason())
        .setDurationMillis(r.duration().toMillis()).build();
  }

  private static UsageTotal total(UsageTotals t) {
    return UsageTotal.newBuilder().setOrg(t.org() == null ? "" : t.org()).setModel(t.model())
        .setRequests(t.requests()).setPromptTokens(t.promptTokens()).setCompletionTokens(t.completionTokens())
        .setTotalTokens(t.totalTokens()).build();
  }

  private static ComputeUsage compute(ComputeUsageRow c) {
    return ComputeUsage.newBuilder().setOrg(c.org() == null ? "" : c.org()).setDeploymentId(c.deploymentId())
        .setStart(c.start().truncatedTo(ChronoUnit.MILLIS).toString())
        .setEnd(c.end().truncatedTo(ChronoUnit.MILLIS).toString()).setCpuSeconds(c.cpuSeconds())
        .setMemoryGibSeconds(c.memoryGibSeconds()).setIntervals(c.intervals()).setGpuSeconds(c.gpuSeconds())
        .setNetworkRxBytes(c.rxBytes()).setNetworkTxBytes(c.txBytes()).build();
  }

  private static String blankToNull(String s) {
    return s.isBlank() ? null : s.trim();
  }

  private static String clip(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }
}
