package ai.hanzo.node.iam;

import com.nimbusds.jose.Algorithm;
import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a compact JWS: size, algorithm allow-list, signature with a key of the algorithm's own
 * type (HMAC only with the configured secret, asymmetric only with JWKS keys, so the RSA public key
 * can never serve as an HMAC secret), then the claims.
 */
public final class JwtVerifier {
  /** Checked before any parsing so a huge header cannot cost memory or CPU. */
  public static final int MAX_TOKEN_CHARS = 8 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(JwtVerifier.class);

  private final Set<JWSAlgorithm> allowed;
  private final byte[] secret;
  private final JwksKeys jwks;
  private final TokenClaimsCheck claims;

  /**
   * @param secret the HMAC secret, or {@code null}
   * @param jwks the asymmetric keys, or {@code null}
   */
  public JwtVerifier(List<String> allowedAlgorithms, String secret, JwksKeys jwks, TokenClaimsCheck claims) {
    this.allowed = allowedAlgorithms.stream().map(JwtVerifier::algorithm).collect(Collectors.toUnmodifiableSet());
    this.secret = secret == null ? null : secret.getBytes(StandardCharsets.UTF_8);
    this.jwks = jwks;
    this.claims = claims;
    if (this.secret != null) {
      List<String> served = JWSAlgorithm.Family.HMAC_SHA.stream().filter(allowed::contains)
          .filter(alg -> this.secret.length >= minimumSecretBytes(alg)).map(JWSAlgorithm::getName).sorted().toList();
      LOG.info("The {}-byte shared secret verifies {} tokens (RFC 7518: HS256 needs 32 bytes, HS384 48, HS512 64)",
          this.secret.length, served.isEmpty() ? "no HS" : String.join(", ", served));
    }
  }

  /** RFC 7518 section 3.2: an HMAC key at least as long as the hash. */
  static int minimumSecretBytes(JWSAlgorithm hmac) {
    return JWSAlgorithm.HS512.equals(hmac) ? 64 : JWSAlgorithm.HS384.equals(hmac) ? 48 : 32;
  }

  /** The verified claims, or an {@link AuthenticationException} naming what was wrong. */
  public JWTClaimsSet verify(String token) {
    if (token.length() > MAX_TOKEN_CHARS) {
      throw fail(AuthFailure.TOKEN_TOO_LARGE, "the token is longer than " + MAX_TOKEN_CHARS + " characters");
    }
    SignedJWT jwt = parse(token);
    JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
    if (!allowed.contains(alg)) {
      throw fail(AuthFailure.ALGORITHM_NOT_ALLOWED, "the token algorithm " + alg + " is not allowed");
    }
    if (!anyVerifies(jwt, verifiersFor(jwt.getHeader()))) {
      throw fail(AuthFailure.BAD_SIGNATURE, "the token signature does not verify");
    }
    JWTClaimsSet set;
    try {
      set = jwt.getJWTClaimsSet();
    } catch (ParseException | RuntimeException e) {
      throw fail(AuthFailure.MALFORMED_TOKEN, "the token payload is not a JSON claims set");
    }
    claims.check(set);
    return set;
  }

  private static SignedJWT parse(String token) {
    try {
      Base64URL[] parts = JOSEObject.split(token);
      if (parts.length != 3) {
        throw fail(AuthFailure.MALFORMED_TOKEN, "the token is not a compact JWS with three parts");
      }
      Header header = Header.parse(parts[0]);
      if (Algorithm.NONE.equals(header.getAlgorithm()) || !(header instanceof JWSHeader)) {
        throw fail(AuthFailure.ALGORITHM_NOT_ALLOWED, "unsigned tokens (alg none) are never accepted");
      }
      return new SignedJWT(parts[0], parts[1], parts[2]);
    } catch (ParseException | RuntimeException e) {
      if (e instanceof AuthenticationException refused) {
        throw refused;
      }
      throw fail(AuthFailure.MALFORMED_TOKEN, "the token is malformed: " + e.getMessage());
    }
  }

  private List<JWSVerifier> verifiersFor(JWSHeader header) {
    JWSAlgorithm alg = header.getAlgorithm();
    try {
      if (JWSAlgorithm.Family.HMAC_SHA.contains(alg)) {
        if (secret == null) {
          throw fail(AuthFailure.ALGORITHM_NOT_ALLOWED, "no shared secret is configured for " + alg);
        }
        if (secret.length < minimumSecretBytes(alg)) {
          throw fail(AuthFailure.SECRET_TOO_SHORT, "the node's shared secret is " + secret.length + " bytes; "
              + alg + " needs at least " + minimumSecretBytes(alg) + " (RFC 7518), so " + alg + " tokens are refused");
        }
        return List.of(new MACVerifier(secret));
      }
      if (jwks == null) {
        throw fail(AuthFailure.ALGORITHM_NOT_ALLOWED, "no JWKS is configured for " + alg);
      }
      List<JWK> keys = jwks.keysFor(header);
      if (keys.isEmpty()) {
        throw fail(AuthFailure.UNKNOWN_KEY, "no key in the JWKS matches kid '" + header.getKeyID() + "' and " + alg);
      }
      List<JWSVerifier> verifiers = new ArrayList<>();
      for (JWK key : keys) {
        verifiers.add(verifierFor(key));
      }
      return verifiers;
    } catch (RateLimitReachedException e) {
      // the key set is there, only a refetch for this kid was refused: the kid is unknown
      throw fail(AuthFailure.UNKNOWN_KEY, "no key in the JWKS matches kid '" + header.getKeyID() + "' and " + alg);
    } catch (KeySourceException e) {
      throw fail(AuthFailure.KEY_SET_UNAVAILABLE, "the JWKS is unavailable: " + e.getMessage());
    } catch (JOSEException e) {
      throw fail(AuthFailure.ALGORITHM_NOT_ALLOWED, "no usable key for " + alg + ": " + e.getMessage());
    }
  }

  private static JWSVerifier verifierFor(JWK key) throws JOSEException {
    if (key instanceof RSAKey rsa) {
      return new RSASSAVerifier(rsa);
    }
    if (key instanceof ECKey ec) {
      return new ECDSAVerifier(ec);
    }
    if (key instanceof OctetKeyPair okp) {
      return new Ed25519Verifier(okp.toPublicJWK());
    }
    throw new JOSEException("key type " + key.getKeyType() + " cannot verify signatures here");
  }

  private static boolean anyVerifies(SignedJWT jwt, List<JWSVerifier> verifiers) {
    for (JWSVerifier verifier : verifiers) {
      try {
        if (jwt.verify(verifier)) {
          return true;
        }
      } catch (JOSEException e) {
        // a key that cannot check this algorithm (e.g. a short secret for HS512) is not a match
      }
    }
    return false;
  }

  private static JWSAlgorithm algorithm(String name) {
    JWSAlgorithm alg = JWSAlgorithm.parse(name);
    if (JWSAlgorithm.Family.SIGNATURE.contains(alg) || JWSAlgorithm.Family.HMAC_SHA.contains(alg)
        || JWSAlgorithm.Ed25519.equals(alg)) {
      return alg;
    }
    throw new IllegalArgumentException("unsupported JWS algorithm '" + name + "'");
  }

  static AuthenticationException fail(AuthFailure reason, String message) {
    return new AuthenticationException(reason, message);
  }
}
