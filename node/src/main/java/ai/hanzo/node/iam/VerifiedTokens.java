package ai.hanzo.node.iam;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Principals of bearer tokens already verified, so a client repeating its token does not pay a signature check
 * (RS256 dominates a cheap call) on every request. Keyed by the token's SHA-256, never the token; an entry lives
 * until the token's {@code exp} but at most {@code maxAge}, so changed role bindings show within that time.
 * Bounded: when full, expired entries go, and if that frees nothing, everything does.
 */
final class VerifiedTokens {
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final int capacity;
  private final Duration maxAge;
  private final Clock clock;

  private record Entry(Principal principal, Instant until) {}

  VerifiedTokens(int capacity, Duration maxAge, Clock clock) {
    this.capacity = capacity;
    this.maxAge = maxAge;
    this.clock = clock;
  }

  /** A cache that remembers nothing. */
  static VerifiedTokens none() {
    return new VerifiedTokens(0, Duration.ZERO, Clock.systemUTC());
  }

  Principal get(String token) {
    if (capacity == 0) {
      return null;
    }
    Entry e = entries.get(hash(token));
    return e != null && clock.instant().isBefore(e.until()) ? e.principal() : null;
  }

  void put(String token, Principal principal, Instant expiresAt) {
    if (capacity == 0 || expiresAt == null) {
      return;
    }
    Instant now = clock.instant();
    if (entries.size() >= capacity) {
      entries.values().removeIf(e -> !now.isBefore(e.until()));
      if (entries.size() >= capacity) {
        entries.clear();
      }
    }
    Instant cap = now.plus(maxAge);
    entries.put(hash(token), new Entry(principal, expiresAt.isBefore(cap) ? expiresAt : cap));
  }

  private static String hash(String token) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
