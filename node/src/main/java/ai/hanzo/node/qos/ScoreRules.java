package ai.hanzo.node.qos;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;

/**
 * The score economics, as one pure function from a provider's state and a challenge outcome to its next state.
 *
 * <ul>
 *   <li>Each challenge gives samples in [0, 1]: availability (answered in time or not) always, and the type's own
 *       component: compute 1 or 0, latency {@value #LATENCY_REFERENCE_MS} ms over the ping round trip (capped at 1),
 *       bandwidth the measured rate over {@value #BANDWIDTH_REFERENCE} bytes/s (capped at 1), model (a compute
 *       sample) the tokens per second over {@value #MODEL_TOKENS_REFERENCE} (capped at 1). Consistency is 1 minus
 *       the coefficient of variation of the answer round trips. Components move by an exponential average
 *       ({@value #ALPHA}).
 *   <li>The composite is the weighted geometric mean of compute, latency, bandwidth, availability and consistency
 *       with weights 0.30/0.20/0.15/0.25/0.10; each component counts at least {@value #FLOOR} so one bad component
 *       pulls the composite down hard without pinning it at 0 forever.
 *   <li>A failure after the grace of the provider's first {@value #GRACE} challenges slashes 1 % of stake, times
 *       1.5 for each consecutive failure before it, at most 10 %; 5 consecutive failures ban the provider for 24 h,
 *       20 for good. A success resets the consecutive count but does not lift a ban.
 * </ul>
 */
public final class ScoreRules {
  static final double W_COMPUTE = 0.30;
  static final double W_LATENCY = 0.20;
  static final double W_BANDWIDTH = 0.15;
  static final double W_AVAILABILITY = 0.25;
  static final double W_CONSISTENCY = 0.10;
  static final double FLOOR = 0.01;
  static final double ALPHA = 0.2;
  static final double LATENCY_REFERENCE_MS = 50;
  static final double BANDWIDTH_REFERENCE = 12_500_000;
  /** Tokens per second a model challenge counts as full compute: a comfortable interactive rate. */
  static final double MODEL_TOKENS_REFERENCE = 20;
  public static final int GRACE = 3;
  public static final double BASE_SLASH = 0.01;
  public static final double SLASH_GROWTH = 1.5;
  public static final double MAX_SLASH = 0.10;
  public static final int BAN_AFTER = 5;
  public static final int PERMANENT_BAN_AFTER = 20;
  public static final Duration BAN = Duration.ofHours(24);
  /** Challenges after which confidence reaches one half. */
  static final double CONFIDENCE_HALF = 5;

  private ScoreRules() {}

  /** The composite of five components, each in [0, 1]. */
  public static double composite(double compute, double latency, double bandwidth, double availability,
      double consistency) {
    return Math.exp(W_COMPUTE * ln(compute) + W_LATENCY * ln(latency) + W_BANDWIDTH * ln(bandwidth)
        + W_AVAILABILITY * ln(availability) + W_CONSISTENCY * ln(consistency));
  }

  /** {@link #BASE_SLASH} in basis points. */
  public static final int BASE_SLASH_BPS = 100;
  /** {@link #MAX_SLASH} in basis points. */
  public static final int MAX_SLASH_BPS = 1_000;

  /**
   * The share of stake slashed on chain for the {@code consecutive}-th failure in a row (1-based; below 1 counts
   * as 1), in whole basis points: 100 x 1.5^(n-1) rounded down, at most 1,000. Integers only, so every slasher
   * sends the same share for the same count, never a floating-point amount of wei: 100, 150, 225, 337, 506, 759,
   * then 1,000. Computed from 3^(n-1) / 2^(n-1) at once, not step by step, so the rounding never compounds.
   */
  public static int slashBpsFor(int consecutive) {
    int n = Math.max(1, consecutive);
    if (n > 7) {
      return MAX_SLASH_BPS; // 1.5^7 > 10: capped, and 3^(n-1) would soon overflow
    }
    long bps = BASE_SLASH_BPS;
    for (int i = 1; i < n; i++) {
      bps *= 3;
    }
    return (int) Math.min(MAX_SLASH_BPS, bps >> (n - 1));
  }

  /**
   * The share a slasher sends for corroborated failures of a provider of which it has seen {@code challenges}
   * challenges with {@code consecutive} failures in a row ({@link ProviderState}: grace failures do not count, a
   * success resets): empty while the provider is still in its grace (at most {@value #GRACE} challenges seen, or
   * none), else {@link #slashBpsFor} of the count (at least the base share: the quorum's failures stand even when
   * this node's own last look was a pass).
   */
  public static OptionalInt corroboratedSlashBps(long challenges, int consecutive) {
    return challenges <= GRACE ? OptionalInt.empty()
        : OptionalInt.of(slashBpsFor(consecutive));
  }

  /** The stake fraction slashed for the {@code consecutive}-th failure in a row (1-based). */
  public static double slashFor(int consecutive) {
    return Math.min(MAX_SLASH, BASE_SLASH * Math.pow(SLASH_GROWTH, consecutive - 1));
  }

  /** The state after {@code outcome}; {@code s} is left as it was. */
  public static ProviderState apply(ProviderState s, ChallengeOutcome outcome) {
    Instant now = outcome.at();
    double compute = s.compute();
    double latency = s.latency();
    double bandwidth = s.bandwidth();
    double availability = move(s.availability(), outcome.passed() ? 1 : 0);
    switch (outcome.type()) {
      case COMPUTE -> compute = move(compute, outcome.passed() ? 1 : 0);
      case LATENCY -> latency = move(latency, outcome.passed() ? latencySample(outcome.pingRtt()) : 0);
      case BANDWIDTH -> bandwidth = move(bandwidth,
          outcome.passed() ? Math.min(1, outcome.bytesPerSecond() / BANDWIDTH_REFERENCE) : 0);
      case MODEL -> compute = move(compute,
          outcome.passed() ? Math.min(1, outcome.bytesPerSecond() / MODEL_TOKENS_REFERENCE) : 0);
      case AVAILABILITY -> { }
    }
    double mean = s.latencyMeanMs();
    double var = s.latencyVarMs2();
    double consistency = s.consistency();
    if (outcome.passed()) {
      double ms = outcome.roundTrip().toNanos() / 1e6;
      if (s.challenges() - s.failures() == 0) {
        mean = ms;
        var = 0;
      } else {
        double delta = ms - mean;
        mean += ALPHA * delta;
        var = (1 - ALPHA) * (var + ALPHA * delta * delta);
      }
      consistency = mean <= 0 ? 1 : Math.max(0, 1 - Math.sqrt(var) / mean);
    }
    double composite = composite(compute, latency, bandwidth, availability, consistency);
    long challenges = s.challenges() + 1;
    long failures = s.failures() + (outcome.passed() ? 0 : 1);
    boolean inGrace = s.challenges() < GRACE;
    int consecutive = outcome.passed() ? 0 : inGrace ? s.consecutiveFailures() : s.consecutiveFailures() + 1;
    double slashed = s.slashedFraction();
    Instant bannedUntil = s.bannedUntil();
    boolean permanent = s.permanentBan();
    String reason = s.banReason();
    if (!outcome.passed() && !inGrace) {
      slashed = 1 - (1 - slashed) * (1 - slashFor(consecutive));
      if (consecutive >= PERMANENT_BAN_AFTER && !permanent) {
        permanent = true;
        reason = consecutive + " consecutive failed challenges, the last: " + outcome.failure();
      } else if (consecutive >= BAN_AFTER && !s.bannedAt(now)) {
        bannedUntil = now.plus(BAN);
        reason = consecutive + " consecutive failed challenges, the last: " + outcome.failure();
      }
    }
    double trend = 0.7 * s.trend() + 0.3 * (composite - s.composite());
    double confidence = challenges / (challenges + CONFIDENCE_HALF);
    return new ProviderState(s.provider(), compute, latency, bandwidth, availability, consistency, composite,
        confidence, trend, challenges, failures, consecutive, slashed, bannedUntil, permanent, reason, mean, var, now);
  }

  private static double latencySample(Duration rtt) {
    double ms = rtt.toNanos() / 1e6;
    return ms <= LATENCY_REFERENCE_MS ? 1 : LATENCY_REFERENCE_MS / ms;
  }

  private static double move(double current, double sample) {
    return current + ALPHA * (sample - current);
  }

  private static double ln(double component) {
    return Math.log(Math.max(FLOOR, Math.min(1, component)));
  }
}
