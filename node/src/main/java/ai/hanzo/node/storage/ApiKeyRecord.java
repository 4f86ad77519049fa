package ai.hanzo.node.storage;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A stored API key. The secret itself is never stored: only {@code secretHash}, the SHA-256 of
 * the key text, which is safe because the key carries 256 random bits.
 *
 * @param org the organisation the key acts for, or {@code null} for none
 * @param expiresAt {@code null} for a key that does not expire
 * @param allowedCidrs source networks the key may be used from; empty allows any
 * @param requestsPerMinute the key's own rate limit, or {@code null} for the node default
 */
public record ApiKeyRecord(
    String id,
    String name,
    String role,
    String org,
    byte[] secretHash,
    Instant createdAt,
    Instant expiresAt,
    List<String> allowedCidrs,
    Integer requestsPerMinute,
    boolean active) {

  public ApiKeyRecord {
    StoredText.requireKey(id, "api key id");
    Objects.requireNonNull(name, "name");
    StoredText.requireKey(role, "role");
    Objects.requireNonNull(createdAt, "createdAt");
    if (secretHash == null || secretHash.length != 32) {
      throw new IllegalArgumentException("an api key hash must be 32 bytes (SHA-256)");
    }
    secretHash = secretHash.clone();
    allowedCidrs = List.copyOf(allowedCidrs);
  }

  @Override
  public byte[] secretHash() {
    return secretHash.clone();
  }

  public ApiKeyRecord revoked() {
    return new ApiKeyRecord(id, name, role, org, secretHash, createdAt, expiresAt, allowedCidrs,
        requestsPerMinute, false);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ApiKeyRecord that
        && active == that.active
        && id.equals(that.id)
        && name.equals(that.name)
        && role.equals(that.role)
        && Objects.equals(org, that.org)
        && java.util.Arrays.equals(secretHash, that.secretHash)
        && createdAt.equals(that.createdAt)
        && Objects.equals(expiresAt, that.expiresAt)
        && allowedCidrs.equals(that.allowedCidrs)
        && Objects.equals(requestsPerMinute, that.requestsPerMinute);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, name, role, org, java.util.Arrays.hashCode(secretHash), createdAt);
  }

  /** Without the hash: records end up in logs and error messages. */
  @Override
  public String toString() {
    return "ApiKeyRecord[id=" + id + ", name=" + name + ", role=" + role + ", org=" + org
        + ", createdAt=" + createdAt + ", expiresAt=" + expiresAt + ", allowedCidrs=" + allowedCidrs
        + ", requestsPerMinute=" + requestsPerMinute + ", active=" + active + "]";
  }
}
