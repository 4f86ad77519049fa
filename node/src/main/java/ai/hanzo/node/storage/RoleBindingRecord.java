package ai.hanzo.node.storage;

import java.util.List;

/**
 * Roles granted to a subject (a token's {@code sub}, or a client certificate's identity) on top
 * of whatever its credential carries.
 */
public record RoleBindingRecord(String subject, List<String> roles) {
  public RoleBindingRecord {
    StoredText.requireKey(subject, "subject");
    roles = List.copyOf(roles);
  }
}
