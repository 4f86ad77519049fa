package ai.hanzo.node.iam;

import java.util.List;
import java.util.Set;

/**
 * The one entry point the transports call with what they extracted: turns credentials into a
 * {@link Principal} or a typed {@link AuthenticationException}, counts failures per source
 * address and audits them. No credentials at all yields the anonymous principal; whether that
 * suffices is the {@link Authorizer}'s decision.
 */
public final class Authenticator {
  private final JwtVerifier jwt;
  private final ClaimsMapper claims;
  private final ApiKeys apiKeys;
  private final RoleCatalog roles;
  private final RateLimits limits;
  private final AuditRecorder audit;
  private final VerifiedTokens verified;

  /** {@code jwt} is {@code null} when neither a secret nor a JWKS is configured. Every token is verified. */
  public Authenticator(JwtVerifier jwt, ClaimsMapper claims, ApiKeys apiKeys, RoleCatalog roles, RateLimits limits,
      AuditRecorder audit) {
    this(jwt, claims, apiKeys, roles, limits, audit, VerifiedTokens.none());
  }

  Authenticator(JwtVerifier jwt, ClaimsMapper claims, ApiKeys apiKeys, RoleCatalog roles, RateLimits limits,
      AuditRecorder audit, VerifiedTokens verified) {
    this.verified = verified;
    this.jwt = jwt;
    this.claims = claims;
    this.apiKeys = apiKeys;
    this.roles = roles;
    this.limits = limits;
    this.audit = audit;
  }

  /** @param method the RPC or route being called, for the audit trail */
  public Principal authenticate(Credentials credentials, String method) {
    if (credentials.apiKey() == null && credentials.bearerToken() == null
        && credentials.clientCertificateIdentity() == null && credentials.foreignScheme() == null) {
      return Principal.anonymous();
    }
    CallContext call = new CallContext(method, null, null, credentials.remoteAddress());
    RateLimitDecision attempt = limits.mayAttempt(credentials.remoteAddress());
    if (!attempt.allowed()) {
      audit.authenticationFailed(call, AuthFailure.TOO_MANY_FAILURES);
      throw new AuthenticationException(AuthFailure.TOO_MANY_FAILURES,
          "too many failed authentications from this address; retry after " + attempt.retryAfter().toSeconds() + " s",
          attempt.retryAfter());
    }
    try {
      return identify(credentials);
    } catch (AuthenticationException e) {
      limits.recordFailure(credentials.remoteAddress());
      audit.authenticationFailed(call, e.reason());
      throw e;
    }
  }

  /**
   * The principal of a bearer token verified before, found without I/O (a map lookup), or {@code null} when the
   * full {@link #authenticate} must run: other credentials, a token not seen yet or expired from the cache, or a
   * source address that failed too often. Nothing is audited here; a null sends the caller down the full path.
   */
  public Principal alreadyVerified(Credentials credentials) {
    if (jwt == null || credentials.apiKey() != null || credentials.bearerToken() == null
        || !limits.mayAttempt(credentials.remoteAddress()).allowed()) {
      return null;
    }
    return verified.get(credentials.bearerToken());
  }

  private Principal identify(Credentials credentials) {
    if (credentials.foreignScheme() != null) {
      throw new AuthenticationException(AuthFailure.UNSUPPORTED_AUTHORIZATION_SCHEME, "the authorization header "
          + "must be 'Bearer <token>' (RFC 6750); it was " + credentials.foreignScheme());
    }
    if (credentials.apiKey() != null) {
      return apiKeys.verify(credentials.apiKey(), credentials.remoteAddress());
    }
    if (credentials.bearerToken() != null) {
      if (jwt == null) {
        throw new AuthenticationException(AuthFailure.ALGORITHM_NOT_ALLOWED,
            "this node accepts no bearer tokens: neither a JWKS nor a shared secret is configured");
      }
      Principal known = verified.get(credentials.bearerToken());
      if (known != null) {
        return known;
      }
      var claimsSet = jwt.verify(credentials.bearerToken());
      String subject = claimsSet.getSubject();
      Principal principal = claims.toPrincipal(claimsSet, subject == null ? List.of() : roles.rolesBoundTo(subject));
      verified.put(credentials.bearerToken(), principal,
          claimsSet.getExpirationTime() == null ? null : claimsSet.getExpirationTime().toInstant());
      return principal;
    }
    String subject = CertificateIdentity.SUBJECT_PREFIX + credentials.clientCertificateIdentity();
    List<String> bound = roles.rolesBoundTo(subject);
    if (bound.isEmpty()) {
      throw new AuthenticationException(AuthFailure.UNKNOWN_CERTIFICATE_IDENTITY,
          "the client certificate identity '" + subject + "' has no role binding");
    }
    return new Principal(Principal.Kind.CERTIFICATE, subject, null, bound, Set.of(), null, null, null, null);
  }
}
