package ai.hanzo.node.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.storage.ApiKeyRecord;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hzk_ keys in a real database: format, hashing, revocation, expiry, IP allow-list, brute force, restarts. */
class ApiKeysIT {
  private static final InetAddress LOCAL = IamFixture.address("127.0.0.1");

  @TempDir Path dataDir;
  private IamFixture iam;

  @BeforeEach
  void open() {
    iam = new IamFixture(dataDir);
  }

  @AfterEach
  void close() {
    iam.close();
  }

  @Test
  void aNewKeyHasTheDocumentedFormatAndOnlyItsHashIsStored() {
    NewApiKey key = iam.apiKeys.create(spec("ci", List.of(), null));
    assertThat(key.secret()).matches("hzk_[A-Za-z0-9_-]{43}");
    assertThat(key.toString()).doesNotContain(key.secret());
    ApiKeyRecord stored = iam.db.apiKeys().get(key.record().id()).orElseThrow();
    assertThat(stored.toString()).doesNotContain(key.secret().substring(4, 20));
    assertThat(new String(stored.secretHash(), java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain(key.secret().substring(4));
    Principal principal = authenticate(key.secret(), LOCAL);
    assertThat(principal.kind()).isEqualTo(Principal.Kind.API_KEY);
    assertThat(principal.roles()).containsExactly("operator");
    assertThat(principal.org()).isEqualTo("acme");
    assertThat(principal.apiKeyId()).isEqualTo(key.record().id());
  }

  @Test
  void keysSurviveARestart() {
    NewApiKey key = iam.apiKeys.create(spec("ci", List.of(), null));
    iam.close();
    iam = new IamFixture(dataDir);
    assertThat(authenticate(key.secret(), LOCAL).apiKeyId()).isEqualTo(key.record().id());
    assertThat(iam.apiKeys.list()).extracting(ApiKeyRecord::name).containsExactly("ci");
  }

  @Test
  void aRevokedKeyIsRefused() {
    NewApiKey key = iam.apiKeys.create(spec("ci", List.of(), null));
    assertThat(iam.apiKeys.revoke(key.record().id())).hasValueSatisfying(r -> assertThat(r.active()).isFalse());
    assertRefused(key.secret(), LOCAL, AuthFailure.REVOKED_API_KEY);
  }

  @Test
  void anExpiredKeyIsRefused() {
    NewApiKey key = iam.apiKeys.create(spec("ci", List.of(), iam.clock.instant().plus(Duration.ofHours(1))));
    assertThat(authenticate(key.secret(), LOCAL).subject()).startsWith("apikey:");
    iam.clock.advance(Duration.ofHours(2));
    assertRefused(key.secret(), IamFixture.address("127.0.0.2"), AuthFailure.EXPIRED_API_KEY);
  }

  @Test
  void aKeyFromADisallowedAddressIsRefused() {
    NewApiKey key = iam.apiKeys.create(spec("ci", List.of("10.0.0.0/8", "::1/128"), null));
    assertThat(authenticate(key.secret(), IamFixture.address("10.20.30.40")).subject()).startsWith("apikey:");
    assertThat(authenticate(key.secret(), IamFixture.address("::1")).subject()).startsWith("apikey:");
    assertRefused(key.secret(), IamFixture.address("192.168.1.1"), AuthFailure.ADDRESS_NOT_ALLOWED);
  }

  @Test
  void malformedAndUnknownKeysAreRefused() {
    assertRefused("hzk_short", LOCAL, AuthFailure.MALFORMED_API_KEY);
    assertRefused("x".repeat(1 << 20), IamFixture.address("127.0.0.3"), AuthFailure.MALFORMED_API_KEY);
    assertRefused("hzk_" + "A".repeat(43), IamFixture.address("127.0.0.4"), AuthFailure.UNKNOWN_API_KEY);
  }

  @Test
  void bruteForceHitsTheFailedAuthenticationLimit() {
    NewApiKey key = iam.apiKeys.create(spec("ci", List.of(), null));
    InetAddress attacker = IamFixture.address("127.0.9.9");
    for (int i = 0; i < IamFixture.FAILED_AUTH_LIMIT; i++) {
      String guess = "hzk_" + String.format("%043d", i);
      assertThatThrownBy(() -> authenticate(guess, attacker)).isInstanceOf(AuthenticationException.class);
    }
    assertThatThrownBy(() -> authenticate(key.secret(), attacker))
        .isInstanceOfSatisfying(AuthenticationException.class, e -> {
          assertThat(e.reason()).isEqualTo(AuthFailure.TOO_MANY_FAILURES);
          assertThat(e.retryAfter()).isPositive();
        });
    assertThat(iam.auditEntries()).filteredOn(e -> "TOO_MANY_FAILURES".equals(e.details().get("reason")))
        .singleElement().satisfies(e -> assertThat(e.remote()).isEqualTo("127.0.9.9"));
    assertThat(authenticate(key.secret(), LOCAL).subject()).as("other addresses are unaffected").startsWith("apikey:");
    iam.clock.advance(Duration.ofMinutes(1));
    assertThat(authenticate(key.secret(), attacker).subject()).startsWith("apikey:");
  }

  @Test
  void perKeyRateLimitCarriesRetryAfter() {
    NewApiKey key = iam.apiKeys.create(new ApiKeySpec("slow", "viewer", null, null, List.of(), 2));
    Principal principal = authenticate(key.secret(), LOCAL);
    assertThat(iam.limits.tryCall(principal).allowed()).isTrue();
    assertThat(iam.limits.tryCall(principal).allowed()).isTrue();
    RateLimitDecision third = iam.limits.tryCall(principal);
    assertThat(third.allowed()).isFalse();
    assertThat(third.retryAfter()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(30));
  }

  @Test
  void badSpecsAreRefusedWithAReason() {
    assertThatThrownBy(() -> spec("x", List.of("10.0.0.0/33"), null)).hasMessageContaining("prefix length");
    assertThatThrownBy(() -> spec("x", List.of("example.com"), null)).hasMessageContaining("not an IP address");
  }

  private Principal authenticate(String key, InetAddress from) {
    return iam.authenticator.authenticate(new Credentials(null, key, null, from), "Deploy");
  }

  private void assertRefused(String key, InetAddress from, AuthFailure reason) {
    assertThatThrownBy(() -> authenticate(key, from))
        .isInstanceOfSatisfying(AuthenticationException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    assertThat(iam.auditEntries()).filteredOn(e -> from.getHostAddress().equals(e.remote()))
        .anySatisfy(e -> assertThat(e.details()).containsEntry("reason", reason.name()))
        .allSatisfy(e -> assertThat(e.toString()).doesNotContain(key.length() > 20 ? key.substring(4, 20) : key));
  }

  private static ApiKeySpec spec(String name, List<String> cidrs, java.time.Instant expires) {
    return new ApiKeySpec(name, "operator", "acme", expires, cidrs, null);
  }
}
