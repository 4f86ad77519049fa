package ai.hanzo.node.cli;

import ai.hanzo.node.config.ConfigException;
import ai.hanzo.node.config.ConfigSources;
import ai.hanzo.node.config.IamConfig;
import ai.hanzo.node.config.Parsers;
import ai.hanzo.node.config.Setting;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** Authentication, authorization and rate limits. */
public final class IamOptions {
  static final Set<String> ALGORITHMS = Set.of("HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256",
      "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA", "Ed25519");

  static final Setting<Boolean> ENABLED =
      new Setting<>("--iam-enabled", "HANZO_IAM_ENABLED", "false", "true or false", Parsers::bool);
  static final Setting<String> ISSUER = new Setting<>("--iam-issuer", "HANZO_IAM_ISSUER", "",
      "an issuer URL such as https://id.example.com/realms/main", IamOptions::optionalText);
  static final Setting<String> AUDIENCE = new Setting<>("--iam-audience", "HANZO_IAM_AUDIENCE", "hanzo-node",
      "the audience tokens must name", IamOptions::optionalText);
  static final Setting<URI> JWKS_URI = new Setting<>("--iam-jwks-uri", "HANZO_IAM_JWKS_URI", "",
      "an http(s) URL of a JWK set", IamOptions::optionalUri);
  /** Parsed without checks: a parse error message would echo the secret. Its length is checked in toConfig. */
  static final Setting<String> SECRET = new Setting<>("--iam-secret", "HANZO_IAM_SECRET", "",
      "a shared secret of at least 32 bytes", IamOptions::optionalText);
  static final Setting<Duration> CLOCK_SKEW = new Setting<>("--iam-clock-skew", "HANZO_IAM_CLOCK_SKEW", "60s",
      "a duration such as 60s", Parsers::duration);
  static final Setting<String> ALGORITHM = new Setting<>("--iam-algorithms", "HANZO_IAM_ALGORITHMS",
      "RS256, RS384, RS512, PS256, ES256, ES384, EdDSA, HS256, HS384, HS512", "JWS algorithm names from " + ALGORITHMS,
      IamOptions::algorithm);
  static final Setting<String> ROLES_CLAIM = new Setting<>("--iam-roles-claim", "HANZO_IAM_ROLES_CLAIM", "roles",
      "a dotted claim path such as realm_access.roles", Parsers::text);
  static final Setting<String> ORG_CLAIM = new Setting<>("--iam-org-claim", "HANZO_IAM_ORG_CLAIM", "org",
      "a dotted claim path such as org", Parsers::text);
  static final Setting<Boolean> ANONYMOUS_HEALTH = new Setting<>("--iam-anonymous-health",
      "HANZO_IAM_ANONYMOUS_HEALTH", "true", "true or false", Parsers::bool);
  static final Setting<Integer> RATE_LIMIT = new Setting<>("--iam-rate-limit", "HANZO_IAM_RATE_LIMIT", "600",
      "a number of requests per minute, at least 1", IamOptions::positiveInt);
  static final Setting<Integer> FAILED_AUTH_LIMIT = new Setting<>("--iam-failed-auth-limit",
      "HANZO_IAM_FAILED_AUTH_LIMIT", "10", "a number of failures per minute, at least 1", IamOptions::positiveInt);

  static final List<Setting<?>> ALL = List.of(ENABLED, ISSUER, AUDIENCE, JWKS_URI, SECRET, CLOCK_SKEW, ALGORITHM,
      ROLES_CLAIM, ORG_CLAIM, ANONYMOUS_HEALTH, RATE_LIMIT, FAILED_AUTH_LIMIT);

  @Option(names = "--iam-enabled", paramLabel = "BOOL", arity = "0..1", fallbackValue = "true",
      description = "Authenticate and authorize every call (env HANZO_IAM_ENABLED, default false).")
  String enabled;

  @Option(names = "--iam-issuer", paramLabel = "URL",
      description = "Expected token issuer; OIDC discovery starts here when no JWKS URI is given (env HANZO_IAM_ISSUER).")
  String issuer;

  @Option(names = "--iam-audience", paramLabel = "AUD",
      description = "Audience tokens must name (env HANZO_IAM_AUDIENCE, default hanzo-node).")
  String audience;

  @Option(names = "--iam-jwks-uri", paramLabel = "URL",
      description = "JWK set for RS/PS/ES/EdDSA tokens (env HANZO_IAM_JWKS_URI).")
  String jwksUri;

  @Option(names = "--iam-secret", paramLabel = "SECRET",
      description = "Shared secret for HS256/384/512 tokens, at least 32 bytes; HS384 tokens need 48, HS512 64; "
          + "prefer the env HANZO_IAM_SECRET.")
  String secret;

  @Option(names = "--iam-clock-skew", paramLabel = "DURATION",
      description = "Tolerated clock difference for exp/nbf/iat (env HANZO_IAM_CLOCK_SKEW, default 60s).")
  String clockSkew;

  @Option(names = "--iam-algorithms", paramLabel = "ALG", split = ",",
      description = "Accepted JWS algorithms (env HANZO_IAM_ALGORITHMS, comma-separated; default RS256, RS384, RS512, PS256, ES256, ES384, EdDSA, HS256, HS384, HS512; never none).")
  List<String> algorithms;

  @Option(names = "--iam-roles-claim", paramLabel = "PATH",
      description = "Claim path of the roles (env HANZO_IAM_ROLES_CLAIM, default roles).")
  String rolesClaim;

  @Option(names = "--iam-org-claim", paramLabel = "PATH",
      description = "Claim path of the organisation (env HANZO_IAM_ORG_CLAIM, default org).")
  String orgClaim;

  @Option(names = "--iam-anonymous-health", paramLabel = "BOOL", arity = "0..1", fallbackValue = "true",
      description = "Serve health without credentials (env HANZO_IAM_ANONYMOUS_HEALTH, default true).")
  String anonymousHealth;

  @Option(names = "--iam-rate-limit", paramLabel = "N",
      description = "Requests per minute per identity or API key (env HANZO_IAM_RATE_LIMIT, default 600).")
  String rateLimit;

  @Option(names = "--iam-failed-auth-limit", paramLabel = "N",
      description = "Failed authentications per minute per source address (env HANZO_IAM_FAILED_AUTH_LIMIT, default 10).")
  String failedAuthLimit;

  IamConfig toConfig(ConfigSources sources) {
    String secretValue = sources.resolve(SECRET, secret);
    if (secretValue != null && secretValue.getBytes(StandardCharsets.UTF_8).length < IamConfig.MIN_SECRET_BYTES) {
      throw new ConfigException("the IAM secret (--iam-secret / HANZO_IAM_SECRET) is shorter than "
          + IamConfig.MIN_SECRET_BYTES + " bytes: use a random secret of at least " + IamConfig.MIN_SECRET_BYTES
          + " bytes, e.g. `openssl rand -base64 48`");
    }
    return new IamConfig(sources.resolve(ENABLED, enabled), sources.resolve(ISSUER, issuer),
        sources.resolve(AUDIENCE, audience), sources.resolve(JWKS_URI, jwksUri), secretValue,
        sources.resolve(CLOCK_SKEW, clockSkew), sources.resolveList(ALGORITHM, algorithms),
        sources.resolve(ROLES_CLAIM, rolesClaim), sources.resolve(ORG_CLAIM, orgClaim),
        sources.resolve(ANONYMOUS_HEALTH, anonymousHealth), sources.resolve(RATE_LIMIT, rateLimit),
        sources.resolve(FAILED_AUTH_LIMIT, failedAuthLimit));
  }

  private static String optionalText(String s) {
    return s.isBlank() ? null : s.trim();
  }

  private static URI optionalUri(String s) {
    if (s.isBlank()) {
      return null;
    }
    URI uri = URI.create(s.trim());
    if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException("not an http(s) URL");
    }
    return uri;
  }

  private static String algorithm(String s) {
    if (!ALGORITHMS.contains(s)) {
      throw new IllegalArgumentException("unknown or unsupported algorithm; 'none' is never accepted");
    }
    return s;
  }

  private static int positiveInt(String s) {
    int value = Integer.parseInt(s.trim());
    if (value < 1) {
      throw new IllegalArgumentException("must be at least 1");
    }
    return value;
  }
}
