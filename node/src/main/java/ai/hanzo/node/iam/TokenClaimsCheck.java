package ai.hanzo.node.iam;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** The time, issuer and audience checks of a token whose signature has been verified. */
public final class TokenClaimsCheck {
  private final String issuer;
  private final String audience;
  private final Duration skew;
  private final Clock clock;

  /** {@code issuer} and {@code audience} may be {@code null} to skip that check. */
  public TokenClaimsCheck(String issuer, String audience, Duration skew, Clock clock) {
    this.issuer = issuer;
    this.audience = audience;
    this.skew = skew;
    this.clock = clock;
  }

  void check(JWTClaimsSet claims) {
    Instant now = clock.instant();
    Date exp = claims.getExpirationTime();
    if (exp == null) {
      throw JwtVerifier.fail(AuthFailure.MISSING_EXPIRY, "the token has no exp claim");
    }
    if (exp.toInstant().plus(skew).isBefore(now)) {
      throw JwtVerifier.fail(AuthFailure.EXPIRED, "the token expired at " + exp.toInstant());
    }
    Date nbf = claims.getNotBeforeTime();
    if (nbf != null && nbf.toInstant().minus(skew).isAfter(now)) {
      throw JwtVerifier.fail(AuthFailure.NOT_YET_VALID, "the token is not valid before " + nbf.toInstant());
    }
    Date iat = claims.getIssueTime();
    if (iat != null && iat.toInstant().minus(skew).isAfter(now)) {
      throw JwtVerifier.fail(AuthFailure.ISSUED_IN_FUTURE, "the token was issued in the future, at " + iat.toInstant());
    }
    if (issuer != null && !issuer.equals(claims.getIssuer())) {
      throw JwtVerifier.fail(AuthFailure.WRONG_ISSUER,
          "the token issuer '" + claims.getIssuer() + "' is not '" + issuer + "'");
    }
    List<String> aud = claims.getAudience();
    if (audience != null && (aud == null || !aud.contains(audience))) {
      throw JwtVerifier.fail(AuthFailure.WRONG_AUDIENCE,
          "the token audience " + (aud == null ? "[]" : aud) + " does not include '" + audience + "'");
    }
  }
}
