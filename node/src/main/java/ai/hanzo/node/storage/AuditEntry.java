package ai.hanzo.node.storage;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One audited call.
 *
 * @param principal who called (subject, API key id, certificate name)
 * @param outcome e.g. {@code ALLOWED}, {@code DENIED}, {@code FAILED}
 * @param remote the caller's address, or {@code null} for calls from inside the node
 */
public record AuditEntry(
    Instant timestamp,
    String principal,
    String action,
    String resource,
    String outcome,
    String remote,
    Map<String, String> details) {

  public AuditEntry {
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(outcome, "outcome");
    details = Map.copyOf(details);
  }
}
