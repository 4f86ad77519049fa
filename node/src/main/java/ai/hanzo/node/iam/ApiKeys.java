package ai.hanzo.node.iam;

import ai.hanzo.node.storage.ApiKeyRecord;
import ai.hanzo.node.storage.ApiKeyStore;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code hzk_} API keys: created with 32 random bytes, stored only as SHA-256 (enough for a
 * 256-bit random secret; no slow hash needed), found by an id derived from that hash and compared
 * in constant time.
 */
public final class ApiKeys {
  public static final String PREFIX = "hzk_";
  private static final Pattern FORMAT = Pattern.compile("hzk_[A-Za-z0-9_-]{43}");
  private static final int ID_BYTES = 8;

  private final ApiKeyStore store;
  private final SecureRandom random;
  private final Clock clock;

  public ApiKeys(ApiKeyStore store, SecureRandom random, Clock clock) {
    this.store = store;
    this.random = random;
    this.clock = clock;
  }

  public NewApiKey create(ApiKeySpec spec) {
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    byte[] hash = sha256(secret);
    ApiKeyRecord record = new ApiKeyRecord(idOf(hash), spec.name(), spec.role(), spec.org(), hash, clock.instant(),
        spec.expiresAt(), spec.allowedCidrs(), spec.requestsPerMinute(), true);
    store.put(record);
    return new NewApiKey(record, secret);
  }

  public List<ApiKeyRecord> list() {
    return store.list();
  }

  public Optional<ApiKeyRecord> revoke(String id) {
    return store.revoke(id);
  }

  /** The principal of a valid key used from {@code remote}, or an {@link AuthenticationException}. */
  public Principal verify(String key, InetAddress remote) {
    if (key.length() != 47 || !FORMAT.matcher(key).matches()) {
      throw new AuthenticationException(AuthFailure.MALFORMED_API_KEY,
          "the API key is not of the form hzk_ followed by 43 base64url characters");
    }
    byte[] hash = sha256(key);
    ApiKeyRecord record = store.get(idOf(hash))
        .filter(r -> MessageDigest.isEqual(r.secretHash(), hash))
        .orElseThrow(() -> new AuthenticationException(AuthFailure.UNKNOWN_API_KEY, "the API key is not known"));
    if (!record.active()) {
      throw new AuthenticationException(AuthFailure.REVOKED_API_KEY, "API key " + record.id() + " was revoked");
    }
    Instant now = clock.instant();
    if (record.expiresAt() != null && !now.isBefore(record.expiresAt())) {
      throw new AuthenticationException(AuthFailure.EXPIRED_API_KEY,
          "API key " + record.id() + " expired at " + record.expiresAt());
    }
    if (!record.allowedCidrs().isEmpty()
        && record.allowedCidrs().stream().map(Cidr::parse).noneMatch(c -> c.contains(remote))) {
      throw new AuthenticationException(AuthFailure.ADDRESS_NOT_ALLOWED,
          "API key " + record.id() + " may not be used from " + remote.getHostAddress());
    }
    return new Principal(Principal.Kind.API_KEY, "apikey:" + record.id(), record.org(), List.of(record.role()),
        Set.of(), null, null, record.id(), record.requestsPerMinute());
  }

  private static String idOf(byte[] hash) {
    return HexFormat.of().formatHex(hash, 0, ID_BYTES);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
