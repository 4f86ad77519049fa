package ai.hanzo.node.storage;

import java.util.List;
import java.util.Optional;

/** Custom roles and the bindings of subjects to roles. */
public final class RoleStore {
  private final KeyedRecordStore<RoleRecord> roles;
  private final KeyedRecordStore<RoleBindingRecord> bindings;

  RoleStore(ColumnFamilyStore roleFamily, ColumnFamilyStore bindingFamily) {
    this.roles = new KeyedRecordStore<>(roleFamily, new RoleRecordCodec(), RoleRecord::name);
    this.bindings =
        new KeyedRecordStore<>(bindingFamily, new RoleBindingRecordCodec(), RoleBindingRecord::subject);
  }

  public void putRole(RoleRecord role) {
    roles.put(role);
  }

  public Optional<RoleRecord> role(String name) {
    return roles.get(name);
  }

  public List<RoleRecord> roles() {
    return roles.list();
  }

  public boolean deleteRole(String name) {
    return roles.delete(name);
  }

  public void putBinding(RoleBindingRecord binding) {
    bindings.put(binding);
  }

  public Optional<RoleBindingRecord> binding(String subject) {
    return bindings.get(subject);
  }

  public List<RoleBindingRecord> bindings() {
    return bindings.list();
  }

  public boolean deleteBinding(String subject) {
    return bindings.delete(subject);
  }
}
