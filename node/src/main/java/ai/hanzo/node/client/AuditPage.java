package ai.hanzo.node.client;

import java.util.List;
import java.util.Map;

/**
 * One page of a node's audit trail.
 *
 * @param nextPageToken empty on the last page
 */
public record AuditPage(List<Entry> records, String nextPageToken) {

  /**
   * One audited call.
   *
   * @param timestampMillis Unix milliseconds
   * @param remote the caller's address
   * @param details org, required permission, reason of a refusal; never a credential
   */
  public record Entry(long timestampMillis, String principal, String action, String resource, String outcome,
      String remote, Map<String, String> details) {}
}
