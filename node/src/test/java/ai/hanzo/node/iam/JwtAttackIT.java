package ai.hanzo.node.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.storage.AuditEntry;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tokens checked against a JWKS served over real HTTP and a shared secret: the good ones pass,
 * every attack is refused with its own reason and leaves an audit record without the token.
 */
class JwtAttackIT {
  private static final String SECRET = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  private static final RSAKey RSA = TokenMint.rsa("rsa-1");
  private static final ECKey EC256 = TokenMint.ec(Curve.P_256, "ec-256");
  private static final ECKey EC384 = TokenMint.ec(Curve.P_384, "ec-384");
  private static final OctetKeyPair ED = TokenMint.ed25519("ed-1");

  @TempDir Path dataDir;
  private IamFixture iam;
  private JwksServer jwks;
  private final List<String> usedTokens = new ArrayList<>();
  private final AtomicInteger nextAddress = new AtomicInteger(1);

  @BeforeEach
  void start() throws Exception {
    iam = new IamFixture(dataDir);
    jwks = new JwksServer(new JWKSet(List.of(RSA, EC256, EC384, ED)));
    iam.authenticatorWith(verifier(new JwksKeys(jwks.jwksUri(), null, Duration.ofHours(1), Duration.ofMinutes(30)),
        SECRET));
  }

  @AfterEach
  void stop() {
    try {
      assertNoSecretIn(iam.auditEntries());
    } finally {
      jwks.close();
      iam.close();
    }
  }

  private JwtVerifier verifier(JwksKeys keys, String secret) {
    return new JwtVerifier(List.of("RS256", "RS384", "RS512", "PS256", "ES256", "ES384", "EdDSA", "HS256", "HS384",
        "HS512"), secret, keys, new TokenClaimsCheck(jwks.issuer(), "hanzo-node", Duration.ofSeconds(60), iam.clock));
  }

  private JWTClaimsSet.Builder claims() {
    return TokenMint.claims(jwks.issuer(), iam.clock.instant());
  }

  @Test
  void everySupportedAlgorithmWithTheRightKeyIsAccepted() {
    JWTClaimsSet good = claims().build();
    List<String> tokens = List.of(
        TokenMint.sign(RSA, JWSAlgorithm.RS256, good), TokenMint.sign(RSA, JWSAlgorithm.RS384, good),
        TokenMint.sign(RSA, JWSAlgorithm.RS512, good), TokenMint.sign(RSA, JWSAlgorithm.PS256, good),
        TokenMint.sign(EC256, JWSAlgorithm.ES256, good), TokenMint.sign(EC384, JWSAlgorithm.ES384, good),
        TokenMint.sign(ED, JWSAlgorithm.EdDSA, good),
        TokenMint.hmac(secretBytes(), JWSAlgorithm.HS256, null, good),
        TokenMint.hmac(secretBytes(), JWSAlgorithm.HS384, null, good),
        TokenMint.hmac(secretBytes(), JWSAlgorithm.HS512, null, good));
    for (String token : tokens) {
      Principal principal = authenticate(token);
      assertThat(principal.subject()).isEqualTo("alice");
      assertThat(principal.org()).isEqualTo("acme");
      assertThat(principal.roles()).containsExactly("operator");
      assertThat(principal.email()).isEqualTo("alice@example.com");
    }
  }

  @Test
  void algNoneIsRefused() {
    assertRefused(new PlainJWT(claims().build()).serialize(), AuthFailure.ALGORITHM_NOT_ALLOWED);
  }

  @Test
  void hs256SignedWithTheRsaPublicKeyIsRefused() {
    byte[] publicKey = RSA.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
    String forged = TokenMint.hmac(publicKey, JWSAlgorithm.HS256, RSA.getKeyID(), claims().build());
    assertRefused(forged, AuthFailure.BAD_SIGNATURE);
    iam.authenticatorWith(verifier(new JwksKeys(jwks.jwksUri(), null, Duration.ofHours(1), Duration.ofMinutes(30)),
        null));
    assertRefused(forged, AuthFailure.ALGORITHM_NOT_ALLOWED);
  }

  /** RFC 7518 3.2: a 50-byte secret serves HS256 and HS384; HS512 tokens are refused saying why, not "bad signature". */
  @Test
  void hs512NeedsASecretOfAtLeast64Bytes() throws Exception {
    String secret50 = "0123456789abcdef0123456789abcdef0123456789abcdef01";
    byte[] key = secret50.getBytes(StandardCharsets.UTF_8);
    iam.authenticatorWith(verifier(null, secret50));
    JWTClaimsSet good = claims().build();
    assertThat(authenticate(TokenMint.hmac(key, JWSAlgorithm.HS384, null, good)).subject()).isEqualTo("alice");
    // Signed correctly with the node's own 50-byte secret (raw HMAC: signing libraries refuse the short key too).
    String header = com.nimbusds.jose.util.Base64URL.encode("{\"alg\":\"HS512\"}").toString();
    String payload = com.nimbusds.jose.util.Base64URL.encode(good.toString()).toString();
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA512");
    mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA512"));
    String signature = com.nimbusds.jose.util.Base64URL.encode(
        mac.doFinal((header + "." + payload).getBytes(StandardCharsets.US_ASCII))).toString();
    String hs512 = header + "." + payload + "." + signature;
    assertRefused(hs512, AuthFailure.SECRET_TOO_SHORT);
    assertThatThrownBy(() -> authenticate(hs512)).hasMessageContaining("50 bytes").hasMessageContaining("64");
  }

  @Test
  void expiredTokenIsRefusedBeyondTheSkew() {
    JWTClaimsSet claims = claims().expirationTime(Date.from(iam.clock.instant().minusSeconds(61))).build();
    assertRefused(TokenMint.sign(RSA, JWSAlgorithm.RS256, claims), AuthFailure.EXPIRED);
    JWTClaimsSet withinSkew = claims().expirationTime(Date.from(iam.clock.instant().minusSeconds(30))).build();
    assertThat(authenticate(TokenMint.sign(RSA, JWSAlgorithm.RS256, withinSkew)).subject()).isEqualTo("alice");
  }

  @Test
  void tokenWithoutExpiryIsRefused() {
    JWTClaimsSet claims = claims().expirationTime(null).build();
    assertRefused(TokenMint.sign(RSA, JWSAlgorithm.RS256, claims), AuthFailure.MISSING_EXPIRY);
  }

  @Test
  void notBeforeInTheFutureIsRefused() {
    JWTClaimsSet claims = claims().notBeforeTime(Date.from(iam.clock.instant().plusSeconds(120))).build();
    assertRefused(TokenMint.sign(RSA, JWSAlgorithm.RS256, claims), AuthFailure.NOT_YET_VALID);
  }

  @Test
  void issuedInTheFutureIsRefused() {
    JWTClaimsSet claims = claims().issueTime(Date.from(iam.clock.instant().plusSeconds(600))).build();
    assertRefused(TokenMint.sign(RSA, JWSAlgorithm.RS256, claims), AuthFailure.ISSUED_IN_FUTURE);
  }

  @Test
  void wrongIssuerIsRefused() {
    JWTClaimsSet claims = claims().issuer("https://evil.example").build();
    assertRefused(TokenMint.sign(RSA, JWSAlgorithm.RS256, claims), AuthFailure.WRONG_ISSUER);
  }

  @Test
  void wrongOrEmptyAudienceIsRefused() {
    assertRefused(TokenMint.sign(RSA, JWSAlgorithm.RS256, claims().audience("other-service").build()),
        AuthFailure.WRONG_AUDIENCE);
    assertRefused(TokenMint.sign(RSA, JWSAlgorithm.RS256, claims().audience(List.of()).build()),
        AuthFailure.WRONG_AUDIENCE);
  }

  @Test
  void unknownKidIsRefusedAndRefetchesAreRateLimited() {
    RSAKey stranger = TokenMint.rsa("ghost");
    authenticate(TokenMint.sign(RSA, JWSAlgorithm.RS256, claims().build()));
    int before = jwks.jwksFetches();
    for (int i = 0; i < 10; i++) {
      RSAKey ghost = TokenMint.rsa("ghost-" + i);
      assertRefused(TokenMint.sign(ghost, JWSAlgorithm.RS256, claims().build()), AuthFailure.UNKNOWN_KEY);
    }
    assertRefused(TokenMint.sign(stranger, JWSAlgorithm.RS256, claims().build()), AuthFailure.UNKNOWN_KEY);
    assertThat(jwks.jwksFetches() - before).as("JWKS refetches for 11 unknown kids").isLessThanOrEqualTo(2);
  }

  @Test
  void keyOfTheWrongTypeForTheAlgorithmIsNotUsed() {
    // an ES256 token whose kid names the RSA key: the selector only considers EC keys
    String token = TokenMint.sign(EC256, JWSAlgorithm.ES256, claims().build())
        .replaceFirst("^[^.]+", new com.nimbusds.jose.JWSHeader.Builder(JWSAlgorithm.ES256).keyID("rsa-1").build()
            .toBase64URL().toString());
    assertRefused(token, AuthFailure.UNKNOWN_KEY);
  }

  @Test
  void flippedSignatureBitIsRefused() {
    String token = TokenMint.sign(RSA, JWSAlgorithm.RS256, claims().build());
    int last = token.lastIndexOf('.') + 5;
    char flipped = token.charAt(last) == 'A' ? 'B' : 'A';
    assertRefused(token.substring(0, last) + flipped + token.substring(last + 1), AuthFailure.BAD_SIGNATURE);
  }

  @Test
  void truncatedTokensAreRefused() {
    String token = TokenMint.sign(RSA, JWSAlgorithm.RS256, claims().build());
    assertRefused(token.substring(0, token.lastIndexOf('.')), AuthFailure.MALFORMED_TOKEN);
    assertRefused(token.substring(0, token.length() - 10), AuthFailure.BAD_SIGNATURE);
    assertRefused(token.substring(0, 20), AuthFailure.MALFORMED_TOKEN);
  }

  @Test
  void oneMebibyteTokenIsRefusedBeforeParsing() {
    String huge = "eyJhbGciOiJSUzI1NiJ9." + "A".repeat(1 << 20) + ".sig";
    assertRefused(huge, AuthFailure.TOKEN_TOO_LARGE);
  }

  @Test
  void garbageIsRefusedAsMalformed() {
    assertRefused("not a token", AuthFailure.MALFORMED_TOKEN);
    assertRefused("....", AuthFailure.MALFORMED_TOKEN);
    assertRefused("e30.e30.e30", AuthFailure.MALFORMED_TOKEN);
  }

  private Principal authenticate(String token) {
    usedTokens.add(token);
    return iam.authenticator.authenticate(new Credentials(token, null, null, freshAddress()), "GetStatus");
  }

  private void assertRefused(String token, AuthFailure reason) {
    usedTokens.add(token);
    var remote = freshAddress();
    assertThatThrownBy(() -> iam.authenticator.authenticate(new Credentials(token, null, null, remote), "Deploy"))
        .isInstanceOfSatisfying(AuthenticationException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    assertThat(iam.auditEntries())
        .filteredOn(e -> remote.getHostAddress().equals(e.remote()))
        .singleElement()
        .satisfies(e -> {
          assertThat(e.outcome()).isEqualTo(AuditRecorder.UNAUTHENTICATED);
          assertThat(e.action()).isEqualTo("Deploy");
          assertThat(e.details()).containsEntry("reason", reason.name());
        });
  }

  /** Each case from its own address, so the failed-auth limit does not mix cases. */
  private java.net.InetAddress freshAddress() {
    int n = nextAddress.getAndIncrement();
    return IamFixture.address("127.0." + (n / 250) + "." + (n % 250 + 1));
  }

  private void assertNoSecretIn(List<AuditEntry> entries) {
    for (AuditEntry entry : entries) {
      String text = entry.toString();
      assertThat(text).doesNotContain(SECRET);
      for (String token : usedTokens) {
        String[] parts = token.split("\\.");
        for (String part : parts) {
          if (part.length() >= 16) {
            assertThat(text).doesNotContain(part.substring(0, 16));
          }
        }
      }
    }
  }

  private static byte[] secretBytes() {
    return SECRET.getBytes(StandardCharsets.UTF_8);
  }
}
