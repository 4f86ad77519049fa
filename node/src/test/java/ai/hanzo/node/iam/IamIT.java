package ai.hanzo.node.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.config.IamConfig;
import com.nimbusds.jose.JWSAlgorithm;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The subsystem as the composition root builds it from {@link IamConfig}. */
class IamIT {
  private static final String SECRET = "a-shared-secret-of-more-than-32-bytes!!";
  private static final InetAddress REMOTE = IamFixture.address("127.0.0.1");

  @TempDir Path dataDir;
  private IamFixture storage;

  @BeforeEach
  void open() {
    storage = new IamFixture(dataDir);
  }

  @AfterEach
  void close() {
    storage.close();
  }

  @Test
  void withOnlyASecretHsTokensWorkAndNoJwksIsFetched() {
    Iam iam = build(config("https://issuer.example", null, SECRET));
    assertThat(iam.jwks()).isNull();
    assertThat(iam.keySetStatus()).isEqualTo(KeySetStatus.NOT_NEEDED);
    String token = TokenMint.hmac(SECRET.getBytes(StandardCharsets.UTF_8), JWSAlgorithm.HS256, null,
        TokenMint.claims("https://issuer.example", storage.clock.instant()).build());
    Principal alice = iam.authenticator().authenticate(new Credentials(token, null, null, REMOTE), "Deploy");
    iam.authorizer().check(alice, RpcPermissions.forRpc(RpcPermissions.NODE_SERVICE + "Deploy").orElseThrow(),
        new CallContext("Deploy", null, "acme", REMOTE));
  }

  @Test
  void onlyATokenVerifiedBeforeIsKnownWithoutTheFullPath() {
    Iam iam = build(config("https://issuer.example", null, SECRET));
    String token = TokenMint.hmac(SECRET.getBytes(StandardCharsets.UTF_8), JWSAlgorithm.HS256, null,
        TokenMint.claims("https://issuer.example", storage.clock.instant()).build());
    Credentials credentials = new Credentials(token, null, null, REMOTE);
    assertThat(iam.authenticator().alreadyVerified(credentials)).isNull();

    Principal verified = iam.authenticator().authenticate(credentials, "GetStatus");
    assertThat(iam.authenticator().alreadyVerified(credentials)).isEqualTo(verified);
    assertThat(iam.authenticator().alreadyVerified(new Credentials(token + "x", null, null, REMOTE))).isNull();
    assertThat(iam.authenticator().alreadyVerified(new Credentials(token, "hzk_other", null, REMOTE)))
        .as("an API key takes precedence, and keys are always looked up").isNull();

    Credentials bad = new Credentials("bad", null, null, REMOTE);
    for (int i = 0; i <= IamConfig.disabled().failedAuthPerMinute(); i++) {
      assertThatThrownBy(() -> iam.authenticator().authenticate(bad, "x")).isInstanceOf(AuthenticationException.class);
    }
    assertThatThrownBy(() -> iam.authenticator().authenticate(bad, "x"))
        .isInstanceOfSatisfying(AuthenticationException.class,
            e -> assertThat(e.reason()).isEqualTo(AuthFailure.TOO_MANY_FAILURES));
    assertThat(iam.authenticator().alreadyVerified(credentials))
        .as("an address over its failure limit goes down the full path, which refuses and audits").isNull();
  }

  @Test
  void withoutSecretOrJwksBearerTokensAreRefusedButApiKeysWork() {
    Iam iam = build(config(null, null, null));
    assertThatThrownBy(() -> iam.authenticator().authenticate(new Credentials("a.b.c", null, null, REMOTE), "x"))
        .isInstanceOfSatisfying(AuthenticationException.class,
            e -> assertThat(e.reason()).isEqualTo(AuthFailure.ALGORITHM_NOT_ALLOWED));
    NewApiKey key = iam.apiKeys().create(new ApiKeySpec("boot", "admin", null, null, List.of(), null));
    Principal admin = iam.authenticator().authenticate(new Credentials(null, key.secret(), null, REMOTE), "x");
    assertThat(iam.authorizer().allows(admin, Permission.of("admin", "manage"))).isTrue();
  }

  @Test
  void anUnreachableJwksIsNotFatalAndReportsDegraded() {
    Iam iam = build(config(null, URI.create("http://127.0.0.1:1/jwks"), null));
    iam.jwks().warmUp();
    assertThat(iam.keySetStatus().healthy()).isFalse();
    assertThat(iam.keySetStatus().problem()).contains("127.0.0.1:1");
    String token = TokenMint.sign(TokenMint.rsa("k"), JWSAlgorithm.RS256,
        TokenMint.claims("x", storage.clock.instant()).build());
    assertThatThrownBy(() -> iam.authenticator().authenticate(new Credentials(token, null, null, REMOTE), "x"))
        .isInstanceOfSatisfying(AuthenticationException.class,
            e -> assertThat(e.reason()).isEqualTo(AuthFailure.KEY_SET_UNAVAILABLE));
  }

  private Iam build(IamConfig config) {
    return Iam.create(config, storage.db.apiKeys(), storage.db.roles(), storage.db.audit(), storage.clock);
  }

  private static IamConfig config(String issuer, URI jwks, String secret) {
    IamConfig d = IamConfig.disabled();
    return new IamConfig(true, issuer, d.audience(), jwks, secret, d.clockSkew(), d.allowedAlgorithms(),
        d.rolesClaim(), d.orgClaim(), d.anonymousHealth(), d.requestsPerMinute(), d.failedAuthPerMinute());
  }
}
