package ai.hanzo.node.api;

import ai.hanzo.node.api.v1.AuditRecord;
import ai.hanzo.node.api.v1.QueryAuditRequest;
import ai.hanzo.node.api.v1.QueryAuditResponse;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.iam.AuditCursor;
import ai.hanzo.node.iam.AuditPage;
import ai.hanzo.node.iam.AuditQuery;
import ai.hanzo.node.iam.Iam;
import ai.hanzo.node.storage.AuditEntry;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * QueryAudit and its HTTP mirror {@code GET /v1/audit} (the request's fields as query parameters). Reads RocksDB:
 * transports call it off the event loop.
 */
public final class AuditEndpoint {
  static final Duration DEFAULT_RANGE = Duration.ofHours(24);

  private final Iam iam;
  private final Clock clock;

  /** @param iam {@code null} when IAM is disabled: nothing is audited then */
  public AuditEndpoint(Iam iam, Clock clock) {
    this.iam = iam;
    this.clock = clock;
  }

  public QueryAuditResponse query(QueryAuditRequest request) {
    FieldRules.check(request); // the HTTP route builds it from query parameters
    if (iam == null) {
      throw new NodeException(ErrorCode.FAILED_PRECONDITION,
          "this node runs without IAM and keeps no audit trail; start it with --iam-enabled");
    }
    iam.audit().summariseRefusals();
    AuditPage page = iam.auditSearch().find(toQuery(request));
    QueryAuditResponse.Builder response = QueryAuditResponse.newBuilder();
    page.entries().forEach(e -> response.addRecords(record(e)));
    if (page.next() != null) {
      response.setNextPageToken(page.next().token());
    }
    return response.build();
  }

  public void addTo(ServerBuilder sb) {
    sb.route().get("/v1/audit").build(HttpCalls.json(HttpStatus.OK, (ctx, req) -> query(request(ctx))));
  }

  private AuditQuery toQuery(QueryAuditRequest r) {
    Instant until = r.getUntilMillis() == 0 ? clock.instant() : millis(r.getUntilMillis(), "until_millis");
    Instant since = r.getSinceMillis() == 0 ? until.minus(DEFAULT_RANGE) : millis(r.getSinceMillis(), "since_millis");
    if (!since.isBefore(until)) {
      throw NodeException.invalidField("since_millis", "must be before until_millis (" + until.toEpochMilli() + ")");
    }
    int limit = r.getLimit() == 0 ? AuditQuery.DEFAULT_LIMIT : r.getLimit();
    if (limit < 0 || limit > AuditQuery.MAX_LIMIT) {
      throw NodeException.invalidField("limit", "must be at most " + AuditQuery.MAX_LIMIT);
    }
    AuditCursor cursor;
    try {
      cursor = r.getPageToken().isEmpty() ? null : AuditCursor.parse(r.getPageToken());
    } catch (IllegalArgumentException e) {
      throw NodeException.invalidField("page_token", e.getMessage());
    }
    return new AuditQuery(since, until, blankToNull(r.getPrincipal()), blankToNull(r.getAction()),
        blankToNull(r.getPermission()), blankToNull(r.getOutcome()), limit, cursor);
  }

  private static Instant millis(long value, String field) {
    // Unsigned on the wire: a value past Long.MAX_VALUE arrives negative.
    if (value < 0) {
      throw NodeException.invalidField(field, "is not a time in Unix milliseconds");
    }
    return Instant.ofEpochMilli(value);
  }

  static QueryAuditRequest request(ServiceRequestContext ctx) {
    return QueryAuditRequest.newBuilder()
        .setSinceMillis(HttpCalls.uint64Param(ctx, "since_millis"))
        .setUntilMillis(HttpCalls.uint64Param(ctx, "until_millis"))
        .setPrincipal(orEmpty(ctx.queryParam("principal")))
        .setAction(orEmpty(ctx.queryParam("action")))
        .setPermission(orEmpty(ctx.queryParam("permission")))
        .setOutcome(orEmpty(ctx.queryParam("outcome")))
        .setLimit(HttpCalls.uint32Param(ctx, "limit"))
        .setPageToken(orEmpty(ctx.queryParam("page_token")))
        .build();
  }

  private static AuditRecord record(AuditEntry e) {
    return AuditRecord.newBuilder().setTimestampMillis(e.timestamp().toEpochMilli()).setPrincipal(e.principal())
        .setAction(e.action()).setResource(e.resource()).setOutcome(e.outcome())
        .setRemote(e.remote() == null ? "" : e.remote()).putAllDetails(e.details()).build();
  }

  private static String blankToNull(String s) {
    return s.isBlank() ? null : s.trim();
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
