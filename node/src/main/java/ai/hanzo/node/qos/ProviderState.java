package ai.hanzo.node.qos;

import java.time.Instant;
import java.util.Objects;

/**
 * Everything a challenger knows of one provider's quality: the five components (each in [0, 1], starting at 1),
 * the composite, its confidence and trend, the failure counters, the stake fraction its failures would slash, and
 * its ban. {@link ScoreRules#apply} is the only way to a next state.
 *
 * @param latencyMeanMs running mean of the answer's round trip, for consistency
 * @param latencyVarMs2 running variance of the same
 * @param slashedFraction the fraction of stake the failures so far would slash, compounded (1 - prod(1 - s_i))
 * @param bannedUntil end of the current ban; null when never banned
 */
public record ProviderState(String provider, double compute, double latency, double bandwidth, double availability,
    double consistency, double composite, double confidence, double trend, long challenges, long failures,
    int consecutiveFailures, double slashedFraction, Instant bannedUntil, boolean permanentBan, String banReason,
    double latencyMeanMs, double latencyVarMs2, Instant updatedAt) {
  public ProviderState {
    Objects.requireNonNull(provider, "provider");
    banReason = banReason == null ? "" : banReason;
  }

  /** A provider never challenged: full marks and no confidence in them. */
  public static ProviderState fresh(String provider, Instant now) {
    return new ProviderState(provider, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, null, false, "", 0, 0, now);
  }

  public boolean bannedAt(Instant now) {
    return permanentBan || (bannedUntil != null && bannedUntil.isAfter(now));
  }
}
