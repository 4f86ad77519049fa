package ai.hanzo.node.iam;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Who is calling, after authentication.
 *
 * @param subject the token's {@code sub}, {@code apikey:<id>}, the certificate identity, or
 *     {@code anonymous}
 * @param org the organisation the caller acts for, or {@code null}
 * @param roles role names from the credential and from stored bindings
 * @param permissions permissions the credential grants directly (the token's {@code permissions})
 * @param apiKeyId the id of the API key used, or {@code null}
 */
public record Principal(
    Kind kind,
    String subject,
    String org,
    List<String> roles,
    Set<Permission> permissions,
    String nodeId,
    String email,
    String apiKeyId,
    Integer requestsPerMinute) {

  public enum Kind { ANONYMOUS, JWT, API_KEY, CERTIFICATE }

  public Principal {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(subject, "subject");
    roles = List.copyOf(roles);
    permissions = Set.copyOf(permissions);
  }

  public static Principal anonymous() {
    return new Principal(Kind.ANONYMOUS, "anonymous", null, List.of(BuiltInRoles.ANONYMOUS), Set.of(),
        null, null, null, null);
  }

  /** The key a rate limit is counted under: one bucket per API key, else per subject. */
  public String rateLimitKey() {
    return apiKeyId != null ? "apikey:" + apiKeyId : kind + ":" + subject;
  }
}
