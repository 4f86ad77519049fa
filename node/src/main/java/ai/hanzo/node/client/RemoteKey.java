package ai.hanzo.node.client;

import java.time.Instant;

/**
 * An API key of a running node as {@code hanzo-node keys ls} shows it (never its secret).
 *
 * @param org {@code null} for a key without an org
 * @param expiresAt {@code null} for a key that does not expire
 */
public record RemoteKey(String id, String name, String role, String org, Instant createdAt, Instant expiresAt,
    boolean active) {
  /** A key just created, with its secret (shown this once). */
  public record Created(RemoteKey key, String secret) {}
}
