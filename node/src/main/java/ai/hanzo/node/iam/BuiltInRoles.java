package ai.hanzo.node.iam;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The five roles every node has; their permissions are the ones of the original node, plus model serving:
 * viewers read the model list ({@code models:read}), operators generate ({@code inference:execute}), admins
 * (everything) also load and unload ({@code models:manage}). Viewers also read the QoS record this node keeps of
 * its peers ({@code qos:read}: the scores that rank where a deployment goes); issuing a challenge
 * ({@code qos:challenge}) spends a provider's CPU and this node's bandwidth, so it stays with admins. Viewers read
 * the compute pools ({@code pool:read}): which nodes could take work and what they have free. Viewers read the
 * allocations of their org ({@code allocation:read}); operators, who deploy, also reserve and release capacity
 * ({@code allocation:manage}).
 */
public final class BuiltInRoles {
  public static final String ANONYMOUS = "anonymous";
  public static final String VIEWER = "viewer";
  public static final String OPERATOR = "operator";
  public static final String ADMIN = "admin";
  public static final String NODE = "node";

  /** Immutable and looked up on every authorized call: built once rather than re-parsed per lookup. */
  private static final Map<String, Role> ALL = build();

  private BuiltInRoles() {}

  public static Map<String, Role> all() {
    return ALL;
  }

  private static Map<String, Role> build() {
    return Stream.of(
            role(ANONYMOUS, List.of(), "health:read"),
            role(VIEWER, List.of(ANONYMOUS), "health:read", "metrics:read", "deployment:read",
                "container:read", "logs:read", "events:read", "operators:read", "models:read", "qos:read",
                "pool:read", "allocation:read"),
            // Operators run the node's workloads, and generating text is one; loading and unloading models
            // (models:manage) changes what every client gets, so it stays with admins, like pulling images.
            role(OPERATOR, List.of(VIEWER), "deployment:*", "container:*", "inference:execute",
                "allocation:manage"),
            role(ADMIN, List.of(), "*:*"),
            role(NODE, List.of(), "health:read", "metrics:read", "node:*", "events:read", "qos:respond"))
        .collect(Collectors.toUnmodifiableMap(Role::name, Function.identity()));
  }

  private static Role role(String name, List<String> inherits, String... permissions) {
    return new Role(name,
        Stream.of(permissions).map(Permission::parse).collect(Collectors.toUnmodifiableSet()), inherits);
  }

  static boolean isBuiltIn(String name) {
    return Set.of(ANONYMOUS, VIEWER, OPERATOR, ADMIN, NODE).contains(name);
  }
}
