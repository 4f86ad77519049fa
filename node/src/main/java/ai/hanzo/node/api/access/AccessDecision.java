package ai.hanzo.node.api.access;

import ai.hanzo.node.compute.Tenant;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.iam.Principal;
import java.time.Duration;

/**
 * What the access layer decided for one call: a granted caller, or a refusal the transport renders.
 *
 * @param principal the caller when granted, else {@code null}
 * @param scope the orgs whose deployments the granted caller sees, else {@code null}
 * @param refusal UNAUTHENTICATED, PERMISSION_DENIED or RESOURCE_EXHAUSTED when refused, else {@code null}
 * @param retryAfter when a rate-limited caller may try again, else {@code null}
 */
record AccessDecision(Principal principal, Tenant scope, ErrorCode refusal, String message,
    Duration retryAfter) {
  static AccessDecision granted(Principal principal, Tenant scope) {
    return new AccessDecision(principal, scope, null, null, null);
  }

  static AccessDecision refused(ErrorCode code, String message) {
    return new AccessDecision(null, null, code, message, null);
  }

  static AccessDecision rateLimited(String message, Duration retryAfter) {
    return new AccessDecision(null, null, ErrorCode.RESOURCE_EXHAUSTED, message, retryAfter);
  }

  boolean isGranted() {
    return principal != null;
  }
}
