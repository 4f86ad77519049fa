package ai.hanzo.node.iam;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * Which audit entries a caller wants. Filters that are {@code null} match everything.
 *
 * @param since oldest time included
 * @param until first time excluded
 * @param principal exact subject, e.g. {@code apikey:ab12} or {@code cert:spiffe://hanzo/ci}
 * @param action a piece of the audited method, e.g. {@code Deploy} or {@code /v1/deployments}
 * @param permission the permission the call needed, e.g. {@code deployment:create}
 * @param outcome e.g. {@code OK}, {@code DENIED}, {@code UNAUTHENTICATED} (any case)
 * @param limit entries per page, 1 to {@link #MAX_LIMIT}
 * @param cursor where the previous page stopped, or {@code null} for the first page
 * @param orgs whose records the caller may read; never {@code null}, and never widened by the other filters or the
 *     cursor
 */
public record AuditQuery(Instant since, Instant until, String principal, String action, String permission,
    String outcome, int limit, AuditCursor cursor, Orgs orgs) {
  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;

  public AuditQuery {
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(orgs, "orgs");
    if (!since.isBefore(until)) {
      throw new IllegalArgumentException("the time range is empty: since " + since + " is not before until " + until);
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
  }

  boolean matches(ai.hanzo.node.storage.AuditEntry entry) {
    return orgs.sees(entry)
        && (principal == null || principal.equals(entry.principal()))
        && (action == null || entry.action().contains(action))
        && (permission == null || permission.equals(entry.details().get("permission"))
            || permission.equals(entry.details().get("required")))
        && (outcome == null || outcome.toUpperCase(Locale.ROOT).equals(entry.outcome().toUpperCase(Locale.ROOT)));
  }

  /**
   * The organisations whose audit records a caller reads. A record belongs to the organisation of the caller it
   * records (its {@link AuditRecorder#ORG} detail); records of callers without one (refused authentications and
   * their summaries included) belong to no organisation.
   *
   * @param all whether every record is visible (a caller with an all-org binding, or a node without IAM)
   * @param org otherwise the one organisation whose records are visible; {@code null}: only records of no
   *     organisation
   */
  public record Orgs(boolean all, String org) {
    public static final Orgs ALL = new Orgs(true, null);

    /** A caller confined to {@code org} ({@code null}: to records of no organisation). */
    public static Orgs only(String org) {
      return new Orgs(false, org);
    }

    boolean sees(ai.hanzo.node.storage.AuditEntry entry) {
      return all || Objects.equals(org, entry.details().get(AuditRecorder.ORG));
    }
  }
}
