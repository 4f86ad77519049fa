package ai.hanzo.node.iam;

import java.time.Duration;
import java.util.Objects;

/** A credential was missing or refused (UNAUTHENTICATED / HTTP 401, or 429 for {@link AuthFailure#TOO_MANY_FAILURES}). */
public final class AuthenticationException extends RuntimeException {
  private final AuthFailure reason;
  private final Duration retryAfter;

  public AuthenticationException(AuthFailure reason, String message) {
    this(reason, message, null);
  }

  public AuthenticationException(AuthFailure reason, String message, Duration retryAfter) {
    super(message, null, false, false);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.retryAfter = retryAfter;
  }

  public AuthFailure reason() {
    return reason;
  }

  /** When the caller may try again; {@code null} unless the failure was a rate limit. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
