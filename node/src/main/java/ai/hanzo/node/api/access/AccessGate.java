package ai.hanzo.node.api.access;

import ai.hanzo.node.compute.Tenant;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.iam.AuthFailure;
import ai.hanzo.node.iam.AuthenticationException;
import ai.hanzo.node.iam.CallContext;
import ai.hanzo.node.iam.Credentials;
import ai.hanzo.node.iam.Iam;
import ai.hanzo.node.iam.Permission;
import ai.hanzo.node.iam.PermissionDeniedException;
import ai.hanzo.node.iam.Principal;
import ai.hanzo.node.iam.RateLimitDecision;

/**
 * The one authn/authz sequence both transports run: authenticate the credentials, authorize the permission the
 * table names, take one request from the caller's rate limit. Calls the IAM core may block on (RocksDB, a JWKS
 * refetch), so transports run it off the event loop.
 */
public final class AccessGate {
  private final Iam core;

  public AccessGate(Iam core) {
    this.core = core;
  }

  /** @param required the table's permission for the call, {@code null} when the table has none (refused) */
  AccessDecision decide(String method, Permission required, Credentials credentials) {
    CallContext call = new CallContext(method, null, null, credentials.remoteAddress());
    Principal principal;
    try {
      principal = core.authenticator().authenticate(credentials, method);
      if (required == null) {
        return refuseUnknown(core, principal, call);
      }
      core.authorizer().check(principal, required, call);
    } catch (AuthenticationException e) {
      return e.reason() == AuthFailure.TOO_MANY_FAILURES
          ? AccessDecision.rateLimited(e.getMessage(), e.retryAfter())
          : AccessDecision.refused(ErrorCode.UNAUTHENTICATED, e.getMessage());
    } catch (PermissionDeniedException e) {
      return AccessDecision.refused(ErrorCode.PERMISSION_DENIED, e.getMessage());
    }
    // Anonymous callers (health probes) share no bucket: one noisy prober must not starve the others.
    if (principal.kind() != Principal.Kind.ANONYMOUS) {
      RateLimitDecision limit = core.rateLimits().tryCall(principal);
      if (!limit.allowed()) {
        String why = principal.subject() + " exceeded its rate limit";
        core.audit().denied(principal, call, required, why);
        return AccessDecision.rateLimited(why + "; retry after " + limit.retryAfter().toSeconds() + " s",
            limit.retryAfter());
      }
    }
    return AccessDecision.granted(principal, tenant(core, principal));
  }

  /**
   * The decision when everything it needs is in memory and the call is granted: a bearer token verified before,
   * roles known, a rate-limit token to spare. {@code null} otherwise: the caller then runs {@link #decide} off the
   * event loop, which also audits any refusal. Saves a cheap call two thread hops.
   */
  AccessDecision grantWithoutBlocking(Permission required, Credentials credentials) {
    if (required == null) {
      return null;
    }
    Principal principal = core.authenticator().alreadyVerified(credentials);
    if (principal == null || !core.authorizer().allows(principal, required)
        || !core.rateLimits().tryCall(principal).allowed()) {
      return null;
    }
    return AccessDecision.granted(principal, tenant(core, principal));
  }

  private static Tenant tenant(Iam core, Principal principal) {
    return new Tenant(core.authorizer().seesAllOrgs(principal), principal.org());
  }

  /** Fail closed: a call the permission table does not know is never served, whoever makes it. */
  private static AccessDecision refuseUnknown(Iam core, Principal principal, CallContext call) {
    if (principal.kind() == Principal.Kind.ANONYMOUS) {
      core.audit().authenticationFailed(call, AuthFailure.MISSING_CREDENTIALS);
      return AccessDecision.refused(ErrorCode.UNAUTHENTICATED, call.method() + " needs credentials");
    }
    String why = call.method() + " has no entry in the permission table; refused";
    core.audit().denied(principal, call, Permission.ALL, why);
    return AccessDecision.refused(ErrorCode.PERMISSION_DENIED, why);
  }

  /** Audits a finished call when it changed something. */
  void completed(Principal principal, String method, Permission required, Credentials credentials,
      String outcome) {
    core.audit().completed(principal, new CallContext(method, null, null, credentials.remoteAddress()), required,
        outcome);
  }
}
