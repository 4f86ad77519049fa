package ai.hanzo.node.iam;

/** Why a credential was refused; stable names, they are logged and audited. */
public enum AuthFailure {
  MISSING_CREDENTIALS,
  TOKEN_TOO_LARGE,
  MALFORMED_TOKEN,
  ALGORITHM_NOT_ALLOWED,
  UNKNOWN_KEY,
  KEY_SET_UNAVAILABLE,
  BAD_SIGNATURE,
  MISSING_EXPIRY,
  EXPIRED,
  NOT_YET_VALID,
  ISSUED_IN_FUTURE,
  WRONG_ISSUER,
  WRONG_AUDIENCE,
  MALFORMED_API_KEY,
  UNKNOWN_API_KEY,
  REVOKED_API_KEY,
  EXPIRED_API_KEY,
  ADDRESS_NOT_ALLOWED,
  UNKNOWN_CERTIFICATE_IDENTITY,
  TOO_MANY_FAILURES,
  /** An HS token whose algorithm needs a longer shared secret than the configured one (RFC 7518 3.2). */
  SECRET_TOO_SHORT,
  /** An {@code authorization} header of another scheme than Bearer (RFC 6750). */
  UNSUPPORTED_AUTHORIZATION_SCHEME
}
