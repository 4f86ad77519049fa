package ai.hanzo.node.api.endpoint;

import ai.hanzo.node.api.access.OrgScope;
import ai.hanzo.node.api.mapping.FieldRules;
import ai.hanzo.node.api.v1.AuditRecord;
import ai.hanzo.node.api.v1.QueryAuditRequest;
import ai.hanzo.node.api.v1.QueryAuditResponse;
import ai.hanzo.node.compute.Tenant;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.iam.AuditCursor;
import ai.hanzo.node.iam.AuditPage;
import ai.hanzo.node.iam.AuditQuery;
import ai.hanzo.node.iam.Iam;
import ai.hanzo.node.storage.AuditEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * QueryAudit, for both transports (the HTTP mirror is {@code AuditRoutes}). Reads RocksDB: transports call it off
 * the event loop. Scoped like every other read: a caller confined to one organisation ({@link OrgScope}) reads only
 * the records of that organisation's callers, whatever its filters and page token say.
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
        blankToNull(r.getPermission()), blankToNull(r.getOutcome()), limit, cursor, orgs(OrgScope.current()));
  }

  /**
   * The caller's scope as the audit search takes it. The page token is only a position in the log, never a scope:
   * one replayed by a caller of another organisation resumes there with that caller's own scope.
   */
  static AuditQuery.Orgs orgs(Tenant tenant) {
    return tenant.seesAll() ? AuditQuery.Orgs.ALL : AuditQuery.Orgs.only(tenant.org());
  }

  private static Instant millis(long value, String field) {
    // Unsigned on the wire: a value past Long.MAX_VALUE arrives negative.
    if (value < 0) {
      throw NodeException.invalidField(field, "is not a time in Unix milliseconds");
    }
    return Instant.ofEpochMilli(value);
  }

  private static AuditRecord record(AuditEntry e) {
    return AuditRecord.newBuilder().setTimestampMillis(e.timestamp().toEpochMilli()).setPrincipal(e.principal())
        .setAction(e.action()).setResource(e.resource()).setOutcome(e.outcome())
        .setRemote(e.remote() == null ? "" : e.remote()).putAllDetails(e.details()).build();
  }

  private static String blankToNull(String s) {
    return s.isBlank() ? null : s.trim();
  }
}
