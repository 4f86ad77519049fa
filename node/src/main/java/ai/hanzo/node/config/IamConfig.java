package ai.hanzo.node.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How callers are authenticated and limited.
 *
 * @param issuer the expected {@code iss}; also where OIDC discovery starts when a JWKS is needed
 *     and {@code jwksUri} is not set. {@code null}: {@code iss} is not checked
 * @param audience the expected {@code aud}; {@code null}: not checked
 * @param secret the HS256/384/512 shared secret, or {@code null} for none
 * @param allowedAlgorithms JWS algorithm names accepted, e.g. RS256, ES256, EdDSA, HS256
 * @param rolesClaim dotted path of the roles claim, e.g. {@code realm_access.roles}
 * @param orgClaim dotted path of the organisation claim
 * @param requestsPerMinute per identity and per API key unless a key says otherwise
 * @param failedAuthPerMinute failed authentications a source address may make per minute
 */
public record IamConfig(
    boolean enabled,
    String issuer,
    String audience,
    URI jwksUri,
    String secret,
    Duration clockSkew,
    List<String> allowedAlgorithms,
    String rolesClaim,
    String orgClaim,
    boolean anonymousHealth,
    int requestsPerMinute,
    int failedAuthPerMinute) {

  /** Shorter HMAC secrets can be brute-forced offline from any token. */
  public static final int MIN_SECRET_BYTES = 32;

  /** IAM off, with the defaults of every other setting. */
  public static IamConfig disabled() {
    return new IamConfig(false, null, "hanzo-node", null, null, Duration.ofSeconds(60),
        List.of("RS256", "RS384", "RS512", "PS256", "ES256", "ES384", "EdDSA", "HS256", "HS384", "HS512"),
        "roles", "org", true, 600, 10);
  }

  public IamConfig {
    Objects.requireNonNull(clockSkew, "clockSkew");
    allowedAlgorithms = List.copyOf(allowedAlgorithms);
    Objects.requireNonNull(rolesClaim, "rolesClaim");
    Objects.requireNonNull(orgClaim, "orgClaim");
    if (secret != null && secret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException(
          "the IAM secret must be at least " + MIN_SECRET_BYTES + " bytes long");
    }
    if (requestsPerMinute < 1 || failedAuthPerMinute < 1) {
      throw new IllegalArgumentException("rate limits must be at least 1 per minute");
    }
  }

  /** Never prints the secret. */
  @Override
  public String toString() {
    return "IamConfig[enabled=" + enabled + ", issuer=" + issuer + ", audience=" + audience
        + ", jwksUri=" + jwksUri + ", secret=" + (secret == null ? "none" : "***")
        + ", clockSkew=" + clockSkew + ", allowedAlgorithms=" + allowedAlgorithms
        + ", rolesClaim=" + rolesClaim + ", orgClaim=" + orgClaim
        + ", anonymousHealth=" + anonymousHealth + ", requestsPerMinute=" + requestsPerMinute
        + ", failedAuthPerMinute=" + failedAuthPerMinute + "]";
  }
}
