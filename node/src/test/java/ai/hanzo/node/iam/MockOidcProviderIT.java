package ai.hanzo.node.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.MockWebServerWrapper;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real OIDC provider over HTTP: the node finds the JWKS by discovery from the issuer,
 * accepts the provider's tokens, and follows a key rotation without a restart.
 */
class MockOidcProviderIT {
  private static final String ISSUER_ID = "hanzo";
  private static final InetAddress REMOTE = IamFixture.address("127.0.0.1");

  @TempDir Path dataDir;
  private IamFixture iam;
  private RotatingKeys keys;
  private MockOAuth2Server provider;
  private JwksKeys jwks;

  /** The provider signs with, and publishes, whatever key is current; rotation drops the old one. */
  static final class RotatingKeys extends KeyProvider {
    private volatile JWK current = TokenMint.rsa("key-1");

    void rotate(String kid) {
      current = TokenMint.rsa(kid);
    }

    @Override
    public JWK signingKey(String issuerId) {
      return new RSAKey.Builder((RSAKey) current).keyUse(KeyUse.SIGNATURE).build();
    }
  }

  @BeforeEach
  void start() {
    iam = new IamFixture(dataDir);
    keys = new RotatingKeys();
    provider = new MockOAuth2Server(new OAuth2Config(false, null, null, false, new OAuth2TokenProvider(keys),
        java.util.Set.of(), new MockWebServerWrapper()));
    provider.start(InetAddress.getLoopbackAddress(), 0);
    String issuer = provider.issuerUrl(ISSUER_ID).toString();
    jwks = new JwksKeys(null, issuer, Duration.ofHours(1), Duration.ofMillis(1));
    iam.authenticatorWith(new JwtVerifier(List.of("RS256"), null, jwks,
        new TokenClaimsCheck(issuer, "hanzo-node", Duration.ofSeconds(60), iam.clock)));
  }

  @AfterEach
  void stop() {
    try {
      provider.shutdown();
    } finally {
      iam.close();
    }
  }

  @Test
  void tokensOfTheProviderAreAcceptedThroughDiscovery() {
    jwks.warmUp();
    assertThat(jwks.status().healthy()).isTrue();
    Principal principal = authenticate(token("bob"));
    assertThat(principal.subject()).isEqualTo("bob");
    assertThat(principal.roles()).containsExactly("viewer");
    assertThat(principal.org()).isEqualTo("acme");
  }

  @Test
  void aKeyRotationIsFollowedWithoutARestart() {
    String before = token("bob");
    assertThat(authenticate(before).subject()).isEqualTo("bob");
    keys.rotate("key-2");
    String after = token("carol");
    assertThat(after).isNotEqualTo(before);
    assertThat(authenticate(after).subject()).as("the unknown kid triggers a refetch").isEqualTo("carol");
    assertThatThrownBy(() -> authenticate(before))
        .isInstanceOfSatisfying(AuthenticationException.class,
            e -> assertThat(e.reason()).isEqualTo(AuthFailure.UNKNOWN_KEY));
  }

  @Test
  void aTokenForAnotherAudienceIsRefused() {
    String token = provider.issueToken(ISSUER_ID, "mallory", "someone-else", Map.of("roles", List.of("admin")))
        .serialize();
    assertThatThrownBy(() -> authenticate(token)).isInstanceOfSatisfying(AuthenticationException.class,
        e -> assertThat(e.reason()).isEqualTo(AuthFailure.WRONG_AUDIENCE));
  }

  @Test
  void anUnreachableProviderIsReportedNotFatal() {
    provider.shutdown();
    JwksKeys unreachable = new JwksKeys(null, provider.issuerUrl(ISSUER_ID).toString(), Duration.ofHours(1),
        Duration.ofMillis(1));
    unreachable.warmUp();
    assertThat(unreachable.status().healthy()).isFalse();
    assertThat(unreachable.status().problem()).contains("OIDC discovery");
    provider = new MockOAuth2Server();
  }

  private String token(String subject) {
    return provider.issueToken(ISSUER_ID, subject, "hanzo-node",
        Map.of("roles", List.of("viewer"), "org", "acme")).serialize();
  }

  private Principal authenticate(String token) {
    return iam.authenticator.authenticate(new Credentials(token, null, null, REMOTE), "GetStatus");
  }
}
