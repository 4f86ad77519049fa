package ai.hanzo.libp2p.pubsub.score;

import java.time.Duration;

/**
 * Per-topic scoring of gossipsub v1.1 (P1 to P4). Weights of penalties are negative, of rewards
 * positive; decays are per {@link PeerScoreParams#decayInterval()}.
 *
 * @param topicWeight multiplies the whole topic score
 * @param timeInMeshWeight P1 weight, per {@code timeInMeshQuantum} spent in the mesh
 * @param timeInMeshCap P1 counts at most this many quanta
 * @param firstMessageDeliveriesWeight P2 weight per message first delivered by the peer
 * @param meshMessageDeliveriesWeight P3 weight (negative) of the squared delivery deficit
 * @param meshMessageDeliveriesThreshold P3 deficit is counted against this many deliveries
 * @param meshMessageDeliveriesWindow a duplicate within this time of the first counts as a mesh
 *     delivery
 * @param meshMessageDeliveriesActivation P3 applies only after this long in the mesh
 * @param meshFailurePenaltyWeight P3b weight (negative) of the deficit kept when pruned
 * @param invalidMessageDeliveriesWeight P4 weight (negative) of the squared invalid count
 */
public record TopicScoreParams(
    double topicWeight,
    double timeInMeshWeight, Duration timeInMeshQuantum, double timeInMeshCap,
    double firstMessageDeliveriesWeight, double firstMessageDeliveriesDecay,
    double firstMessageDeliveriesCap,
    double meshMessageDeliveriesWeight, double meshMessageDeliveriesDecay,
    double meshMessageDeliveriesCap, double meshMessageDeliveriesThreshold,
    Duration meshMessageDeliveriesWindow, Duration meshMessageDeliveriesActivation,
    double meshFailurePenaltyWeight, double meshFailurePenaltyDecay,
    double invalidMessageDeliveriesWeight, double invalidMessageDeliveriesDecay) {

  public TopicScoreParams {
    requireAtMost(0, meshMessageDeliveriesWeight, "meshMessageDeliveriesWeight");
    requireAtMost(0, meshFailurePenaltyWeight, "meshFailurePenaltyWeight");
    requireAtMost(0, invalidMessageDeliveriesWeight, "invalidMessageDeliveriesWeight");
    if (timeInMeshQuantum.isZero() || timeInMeshQuantum.isNegative()) {
      throw new IllegalArgumentException("timeInMeshQuantum must be positive: " + timeInMeshQuantum);
    }
  }

  private static void requireAtMost(double max, double value, String name) {
    if (value > max) {
      throw new IllegalArgumentException(name + " must be <= " + max + ": " + value);
    }
  }

  /**
   * A balanced starting point for a topic (per-second decays): small rewards for time in the mesh
   * and first deliveries that fade within a minute, a heavy penalty for invalid messages that
   * fades over minutes (so a peer cannot simply wait out a graylisting), mesh delivery deficits
   * not scored (they need a known message rate to be tuned).
   */
  public static TopicScoreParams defaults() {
    return new TopicScoreParams(1.0,
        0.01, Duration.ofSeconds(1), 3600,
        1.0, 0.9, 100,
        0, 0.9, 100, 0, Duration.ofMillis(10), Duration.ofSeconds(5),
        0, 0.9,
        -100, 0.99);
  }

  public TopicScoreParams withMeshDeliveries(double weight, double threshold, Duration activation) {
    return new TopicScoreParams(topicWeight, timeInMeshWeight, timeInMeshQuantum, timeInMeshCap,
        firstMessageDeliveriesWeight, firstMessageDeliveriesDecay, firstMessageDeliveriesCap,
        weight, meshMessageDeliveriesDecay, meshMessageDeliveriesCap, threshold,
        meshMessageDeliveriesWindow, activation, weight, meshFailurePenaltyDecay,
        invalidMessageDeliveriesWeight, invalidMessageDeliveriesDecay);
  }
}
