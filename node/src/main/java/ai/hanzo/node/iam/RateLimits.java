package ai.hanzo.node.iam;

import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import java.net.InetAddress;

/**
 * The request limit per identity (or per API key, with the key's own limit when it has one) and
 * the limit on failed authentications per source address, which is what stops brute force.
 */
public final class RateLimits {
  private static final int MAX_TRACKED = 100_000;

  private final int requestsPerMinute;
  private final int failuresPerMinute;
  private final BucketMap requests;
  private final BucketMap failures;

  public RateLimits(int requestsPerMinute, int failuresPerMinute, TimeMeter time) {
    this.requestsPerMinute = requestsPerMinute;
    this.failuresPerMinute = failuresPerMinute;
    this.requests = new BucketMap(time, MAX_TRACKED);
    this.failures = new BucketMap(time, MAX_TRACKED);
  }

  /** Takes one request from the principal's bucket. */
  public RateLimitDecision tryCall(Principal principal) {
    int limit = principal.requestsPerMinute() != null ? principal.requestsPerMinute() : requestsPerMinute;
    ConsumptionProbe probe = requests.bucket(principal.rateLimitKey(), limit).tryConsumeAndReturnRemaining(1);
    return probe.isConsumed() ? RateLimitDecision.ALLOWED : RateLimitDecision.retryAfterNanos(probe.getNanosToWaitForRefill());
  }

  /** Whether the address still may try to authenticate, without using up anything. */
  public RateLimitDecision mayAttempt(InetAddress source) {
    EstimationProbe probe = failures.bucket(source.getHostAddress(), failuresPerMinute).estimateAbilityToConsume(1);
    return probe.canBeConsumed() ? RateLimitDecision.ALLOWED : RateLimitDecision.retryAfterNanos(probe.getNanosToWaitForRefill());
  }

  public void recordFailure(InetAddress source) {
    failures.bucket(source.getHostAddress(), failuresPerMinute).tryConsume(1);
  }
}
