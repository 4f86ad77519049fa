package ai.hanzo.node.iam;

import ai.hanzo.node.config.IamConfig;
import ai.hanzo.node.storage.ApiKeyStore;
import ai.hanzo.node.storage.AuditLog;
import ai.hanzo.node.storage.RoleStore;
import io.github.bucket4j.TimeMeter;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

/**
 * The IAM subsystem built from its config record: what the composition root hands to the
 * transports. Bearer tokens are accepted only when a secret or a JWKS source is configured; a
 * JWKS is only fetched when asymmetric algorithms are allowed.
 */
public record Iam(
    IamConfig config,
    Authenticator authenticator,
    Authorizer authorizer,
    ApiKeys apiKeys,
    RoleCatalog roles,
    RateLimits rateLimits,
    AuditRecorder audit,
    AuditSearch auditSearch,
    JwksKeys jwks) {

  static final Duration JWKS_CACHE_TTL = Duration.ofMinutes(15);
  static final Duration JWKS_MIN_REFETCH = Duration.ofSeconds(30);
  static final int VERIFIED_TOKENS = 10_000;
  /** How long a changed role binding may go unnoticed by a caller whose token was already verified. */
  static final Duration VERIFIED_TOKEN_MAX_AGE = Duration.ofSeconds(30);

  public static Iam create(IamConfig config, ApiKeyStore keys, RoleStore roleStore, AuditLog auditLog, Clock clock) {
    RoleCatalog roles = new RoleCatalog(roleStore);
    AuditRecorder audit = new AuditRecorder(auditLog, clock, config.failedAuthPerMinute());
    RateLimits limits = new RateLimits(config.requestsPerMinute(), config.failedAuthPerMinute(), TimeMeter.SYSTEM_NANOTIME);
    ApiKeys apiKeys = new ApiKeys(keys, new SecureRandom(), clock);
    JwksKeys jwks = needsJwks(config)
        ? new JwksKeys(config.jwksUri(), config.issuer(), JWKS_CACHE_TTL, JWKS_MIN_REFETCH) : null;
    JwtVerifier jwt = config.secret() != null || jwks != null
        ? new JwtVerifier(config.allowedAlgorithms(), config.secret(), jwks,
            new TokenClaimsCheck(config.issuer(), config.audience(), config.clockSkew(), clock))
        : null;
    Authenticator authenticator = new Authenticator(jwt, new ClaimsMapper(config.rolesClaim(), config.orgClaim()),
        apiKeys, roles, limits, audit, new VerifiedTokens(VERIFIED_TOKENS, VERIFIED_TOKEN_MAX_AGE, clock));
    return new Iam(config, authenticator, new Authorizer(roles, audit, config.anonymousHealth()), apiKeys, roles,
        limits, audit, new AuditSearch(auditLog), jwks);
  }

  /** Key and binding management over this node's stores. */
  public IamAdmin admin() {
    return new IamAdmin(apiKeys, roles);
  }

  /** For a health check: DEGRADED while a needed JWKS cannot be fetched. */
  public KeySetStatus keySetStatus() {
    return jwks == null ? KeySetStatus.NOT_NEEDED : jwks.status();
  }

  /**
   * A JWKS URI always means a JWKS; otherwise discovery from the issuer only when there is no
   * secret: with a secret, the issuer is checked against {@code iss} but never fetched.
   */
  private static boolean needsJwks(IamConfig config) {
    boolean asymmetric = config.allowedAlgorithms().stream().anyMatch(alg -> !alg.startsWith("HS"));
    return asymmetric && (config.jwksUri() != null || config.issuer() != null && config.secret() == null);
  }
}
