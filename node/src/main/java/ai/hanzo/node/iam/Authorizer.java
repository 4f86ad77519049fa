package ai.hanzo.node.iam;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Decides whether a principal may make a call: its roles' permissions (with inheritance) plus the
 * ones its token grants directly must imply the required permission, and a caller without admin
 * acts only on resources of its own org. Denials are audited.
 */
public final class Authorizer {
  private static final Permission ANY_ORG = Permission.of("admin", "manage");

  private final RoleCatalog roles;
  private final AuditRecorder audit;
  private final boolean anonymousHealth;

  public Authorizer(RoleCatalog roles, AuditRecorder audit, boolean anonymousHealth) {
    this.roles = roles;
    this.audit = audit;
    this.anonymousHealth = anonymousHealth;
  }

  /**
   * @throws AuthenticationException when an anonymous caller needs credentials (401)
   * @throws PermissionDeniedException when an identified caller lacks the permission (403)
   */
  public void check(Principal principal, Permission required, CallContext call) {
    boolean anonymous = principal.kind() == Principal.Kind.ANONYMOUS;
    if (anonymous && (!anonymousHealth || !permissionsOf(principal).stream().anyMatch(p -> p.implies(required)))) {
      audit.authenticationFailed(call, AuthFailure.MISSING_CREDENTIALS);
      throw new AuthenticationException(AuthFailure.MISSING_CREDENTIALS,
          call.method() + " needs credentials: an x-api-key header or an authorization: Bearer token");
    }
    if (!allows(principal, required)) {
      deny(principal, required, call, principal.subject() + " lacks " + required);
    }
    // Only a call on a named resource has an owner to compare; the API scopes listings and lookups itself.
    if (call.resource() != null && !mayActIn(principal, call.resourceOrg())) {
      deny(principal, required, call, principal.subject() + " may not act on resources of org " + call.resourceOrg());
    }
  }

  public boolean allows(Principal principal, Permission required) {
    return permissionsOf(principal).stream().anyMatch(p -> p.implies(required));
  }

  /**
   * Org scoping: admins act anywhere, others only on resources of their own org (a caller without an org: only on
   * resources without one).
   */
  public boolean mayActIn(Principal principal, String resourceOrg) {
    return Objects.equals(resourceOrg, principal.org()) || seesAllOrgs(principal);
  }

  /** Whether the principal acts on every org's resources (holds admin:manage). */
  public boolean seesAllOrgs(Principal principal) {
    return allows(principal, ANY_ORG);
  }

  private Set<Permission> permissionsOf(Principal principal) {
    Set<Permission> all = new HashSet<>(roles.permissionsOf(principal.roles()));
    all.addAll(principal.permissions());
    return all;
  }

  private void deny(Principal principal, Permission required, CallContext call, String why) {
    audit.denied(principal, call, required, why);
    throw new PermissionDeniedException(required, why);
  }
}
