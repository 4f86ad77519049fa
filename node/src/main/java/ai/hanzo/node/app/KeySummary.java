package ai.hanzo.node.app;

import java.time.Instant;
import java.util.List;

/**
 * An API key as an operator sees it: everything but the secret, which is never stored.
 *
 * @param org {@code null} for a key without an org
 * @param expiresAt {@code null} for a key that does not expire
 */
public record KeySummary(String id, String name, String role, String org, Instant createdAt, Instant expiresAt,
    List<String> allowedCidrs, Integer requestsPerMinute, boolean active) {}
