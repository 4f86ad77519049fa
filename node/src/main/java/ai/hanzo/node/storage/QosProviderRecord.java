package ai.hanzo.node.storage;

import java.time.Instant;

/**
 * What this node, as a challenger, knows of one provider's quality (stored form of {@code qos.ProviderState}): the
 * five score components, composite, confidence, trend, failure counters, the stake fraction the failures would
 * slash, and the ban.
 */
public record QosProviderRecord(String provider, double compute, double latency, double bandwidth,
    double availability, double consistency, double composite, double confidence, double trend, long challenges,
    long failures, int consecutiveFailures, double slashedFraction, Instant bannedUntil, boolean permanentBan,
    String banReason, double latencyMeanMs, double latencyVarMs2, Instant updatedAt) {
  public static final int MAX_REASON = 600;

  public QosProviderRecord {
    StoredText.requireKey(provider, "provider");
    if (provider.length() > 256) {
      throw new IllegalArgumentException("provider must be at most 256 characters");
    }
    banReason = banReason == null ? "" : banReason.length() > MAX_REASON ? banReason.substring(0, MAX_REASON)
        : banReason;
  }
}
