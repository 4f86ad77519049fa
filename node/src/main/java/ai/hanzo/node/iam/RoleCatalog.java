package ai.hanzo.node.iam;

import ai.hanzo.node.storage.RoleBindingRecord;
import ai.hanzo.node.storage.RoleRecord;
import ai.hanzo.node.storage.RoleStore;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves role names to their effective permissions (following inheritance, cycle-safe) from the
 * built-in roles and the custom roles in storage, and subjects to the roles bound to them. Custom roles are read
 * once and kept in memory (written through on {@link #define}), so authorizing a call never touches storage and can
 * run on an event loop; only one catalog opens a data directory at a time.
 */
public final class RoleCatalog {
  private final RoleStore store;
  private final Map<String, Role> customRoles = new ConcurrentHashMap<>();

  public RoleCatalog(RoleStore store) {
    this.store = store;
    for (RoleRecord record : store.roles()) {
      customRoles.put(record.name(), toRole(record));
    }
  }

  /** Every permission the roles grant; unknown role names grant nothing. */
  public Set<Permission> permissionsOf(Collection<String> roleNames) {
    Set<Permission> result = new HashSet<>();
    Set<String> seen = new HashSet<>();
    Deque<String> pending = new ArrayDeque<>(roleNames);
    while (!pending.isEmpty()) {
      String name = pending.pop();
      if (!seen.add(name)) {
        continue;
      }
      find(name).ifPresent(role -> {
        result.addAll(role.permissions());
        pending.addAll(role.inherits());
      });
    }
    return Set.copyOf(result);
  }

  public Optional<Role> find(String name) {
    Role builtIn = BuiltInRoles.all().get(name);
    if (builtIn != null) {
      return Optional.of(builtIn);
    }
    return Optional.ofNullable(customRoles.get(name));
  }

  /** Stores a custom role; built-in roles cannot be redefined. */
  public void define(Role role) {
    if (BuiltInRoles.isBuiltIn(role.name())) {
      throw new IllegalArgumentException("role '" + role.name() + "' is built in and cannot be redefined");
    }
    store.putRole(new RoleRecord(role.name(),
        role.permissions().stream().map(Permission::toString).sorted().toList(), role.inherits()));
    customRoles.put(role.name(), role);
  }

  public void bind(String subject, List<String> roles) {
    store.putBinding(new RoleBindingRecord(subject, roles));
  }

  public List<RoleBindingRecord> bindings() {
    return store.bindings();
  }

  public Optional<RoleBindingRecord> binding(String subject) {
    return store.binding(subject);
  }

  /** @return whether the subject had a binding */
  public boolean unbind(String subject) {
    return store.deleteBinding(subject);
  }

  public List<String> rolesBoundTo(String subject) {
    return store.binding(subject).map(RoleBindingRecord::roles).orElse(List.of());
  }

  private static Role toRole(RoleRecord record) {
    Set<Permission> permissions = new HashSet<>();
    for (String text : record.permissions()) {
      permissions.add(Permission.parse(text));
    }
    return new Role(record.name(), permissions, record.inherits());
  }
}
