package ai.hanzo.node.iam;

import ai.hanzo.node.storage.ApiKeyRecord;
import ai.hanzo.node.storage.RoleBindingRecord;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Managing API keys and role bindings, the same whether a running node's admin API or {@code hanzo-node keys} on a
 * stopped node's data directory asks. Refuses unknown roles, so a key or binding never silently grants nothing.
 */
public final class IamAdmin {
  private final ApiKeys keys;
  private final RoleCatalog roles;

  public IamAdmin(ApiKeys keys, RoleCatalog roles) {
    this.keys = keys;
    this.roles = roles;
  }

  /** @throws UnknownRoleException for a role that is neither built in nor defined on this node */
  public NewApiKey createKey(ApiKeySpec spec) {
    requireRole(spec.role());
    return keys.create(spec);
  }

  public List<ApiKeyRecord> keys() {
    return keys.list();
  }

  /** The revoked key, or empty when no key has that id. */
  public Optional<ApiKeyRecord> revoke(String id) {
    return keys.revoke(id);
  }

  /**
   * Replaces the roles bound to a subject: a token's {@code sub}, {@code cert:<identity>} or {@code peer:<PeerId>}.
   *
   * @throws UnknownRoleException for a role that is neither built in nor defined on this node
   */
  public void bind(String subject, List<String> roleNames) {
    if (subject == null || subject.isBlank()) {
      throw new IllegalArgumentException("a binding needs a subject");
    }
    if (roleNames.isEmpty()) {
      throw new UnknownRoleException("a binding needs at least one role");
    }
    roleNames.forEach(this::requireRole);
    roles.bind(subject, roleNames);
  }

  /** Every subject with its bound roles, sorted by subject. */
  public SortedMap<String, List<String>> bindings() {
    SortedMap<String, List<String>> all = new TreeMap<>();
    roles.bindings().forEach(b -> all.put(b.subject(), b.roles()));
    return all;
  }

  /** The removed binding, or empty when the subject had none. */
  public Optional<RoleBindingRecord> unbind(String subject) {
    Optional<RoleBindingRecord> existing = roles.binding(subject);
    if (existing.isPresent()) {
      roles.unbind(subject);
    }
    return existing;
  }

  private void requireRole(String role) {
    if (roles.find(role).isEmpty()) {
      throw new UnknownRoleException("unknown role '" + role + "': use anonymous, viewer, operator, admin, node or"
          + " a custom role defined on this node");
    }
  }

  /** A role name that is neither built in nor defined on this node. */
  public static final class UnknownRoleException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    UnknownRoleException(String message) {
      super(message);
    }
  }
}
