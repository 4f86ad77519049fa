package ai.hanzo.node.usage;

import ai.hanzo.node.storage.UsageRecord;
import java.util.Objects;

/**
 * Whose usage a caller reads, set by the access layer and never widened by the query's filters or page token: every
 * organisation's (a caller who acts in all of them, or a node without IAM) or one organisation's ({@code null}: the
 * usage of callers without one). The same rule as the audit trail's.
 */
public record UsageScope(boolean all, String org) {
  public static final UsageScope ALL = new UsageScope(true, null);

  public static UsageScope only(String org) {
    return new UsageScope(false, org);
  }

  boolean sees(UsageRecord record) {
    return sees(record.org());
  }

  /** Whether usage of organisation {@code recordOrg} ({@code null}: none) is for this caller. */
  boolean sees(String recordOrg) {
    return all || Objects.equals(org, recordOrg);
  }
}
