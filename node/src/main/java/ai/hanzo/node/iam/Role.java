package ai.hanzo.node.iam;

import java.util.List;
import java.util.Set;

/** A named set of permissions that also has the permissions of the roles it inherits. */
public record Role(String name, Set<Permission> permissions, List<String> inherits) {
  public Role {
    permissions = Set.copyOf(permissions);
    inherits = List.copyOf(inherits);
  }
}
