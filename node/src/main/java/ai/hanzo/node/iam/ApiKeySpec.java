package ai.hanzo.node.iam;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What to create a key with.
 *
 * @param org {@code null} for a key without an org
 * @param expiresAt {@code null} for a key that does not expire
 * @param allowedCidrs empty allows every source address
 * @param requestsPerMinute {@code null} for the node default
 */
public record ApiKeySpec(
    String name, String role, String org, Instant expiresAt, List<String> allowedCidrs, Integer requestsPerMinute) {
  public ApiKeySpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    allowedCidrs = List.copyOf(allowedCidrs);
    allowedCidrs.forEach(Cidr::parse);
    if (requestsPerMinute != null && requestsPerMinute < 1) {
      throw new IllegalArgumentException("a key's rate limit must be at least 1 request per minute");
    }
  }
}
