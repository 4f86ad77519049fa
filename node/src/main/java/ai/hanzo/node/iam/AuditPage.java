package ai.hanzo.node.iam;

import ai.hanzo.node.storage.AuditEntry;
import java.util.List;

/** One page of audit entries, oldest first; {@code next} is {@code null} on the last page. */
public record AuditPage(List<AuditEntry> entries, AuditCursor next) {
  public AuditPage {
    entries = List.copyOf(entries);
  }
}
