package ai.hanzo.node.iam;

import java.time.Duration;

/** Whether a call may proceed and, when not, how long the caller should wait (RESOURCE_EXHAUSTED / 429 Retry-After). */
public record RateLimitDecision(boolean allowed, Duration retryAfter) {
  public static final RateLimitDecision ALLOWED = new RateLimitDecision(true, Duration.ZERO);

  public static RateLimitDecision retryAfterNanos(long nanos) {
    // round up: a Retry-After of 0 seconds would invite an immediate retry that fails again
    return new RateLimitDecision(false, Duration.ofSeconds(Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L)));
  }
}
