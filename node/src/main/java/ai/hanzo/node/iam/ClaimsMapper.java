package ai.hanzo.node.iam;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns verified claims into a {@link Principal}. Roles and org are read at configurable dotted
 * paths ({@code realm_access.roles} for Keycloak, a namespaced claim for Auth0) so tokens of
 * different providers map without code changes.
 */
public final class ClaimsMapper {
  private final String rolesPath;
  private final String orgPath;

  public ClaimsMapper(String rolesPath, String orgPath) {
    this.rolesPath = rolesPath;
    this.orgPath = orgPath;
  }

  Principal toPrincipal(JWTClaimsSet claims, List<String> boundRoles) {
    String subject = claims.getSubject();
    if (subject == null || subject.isBlank()) {
      throw JwtVerifier.fail(AuthFailure.MALFORMED_TOKEN, "the token has no sub claim");
    }
    List<String> roles = new ArrayList<>(strings(at(claims, rolesPath), rolesPath));
    roles.addAll(boundRoles);
    Set<Permission> permissions = new HashSet<>();
    for (String text : strings(claims.getClaim("permissions"), "permissions")) {
      try {
        permissions.add(Permission.parse(text));
      } catch (IllegalArgumentException e) {
        throw JwtVerifier.fail(AuthFailure.MALFORMED_TOKEN, "the token's permissions claim: " + e.getMessage());
      }
    }
    Object org = at(claims, orgPath);
    return new Principal(Principal.Kind.JWT, subject, org instanceof String s ? s : null,
        roles.stream().distinct().toList(), permissions, text(claims.getClaim("node_id")),
        text(claims.getClaim("email")), null, null);
  }

  private static Object at(JWTClaimsSet claims, String path) {
    Object current = claims.getClaims();
    for (String part : path.split("\\.")) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(part);
    }
    return current;
  }

  private static List<String> strings(Object value, String claim) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof String single) {
      return List.of(single);
    }
    if (value instanceof Collection<?> many && many.stream().allMatch(String.class::isInstance)) {
      return many.stream().map(String.class::cast).toList();
    }
    throw JwtVerifier.fail(AuthFailure.MALFORMED_TOKEN, "the token claim '" + claim + "' is not a list of strings");
  }

  private static String text(Object value) {
    return value instanceof String s ? s : null;
  }
}
