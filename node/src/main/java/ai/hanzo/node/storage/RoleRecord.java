package ai.hanzo.node.storage;

import java.util.List;

/**
 * A custom role.
 *
 * @param permissions permission strings such as {@code deployment:read}
 * @param inherits names of roles whose permissions this one also has
 */
public record RoleRecord(String name, List<String> permissions, List<String> inherits) {
  public RoleRecord {
    StoredText.requireKey(name, "role name");
    permissions = List.copyOf(permissions);
    inherits = List.copyOf(inherits);
  }
}
