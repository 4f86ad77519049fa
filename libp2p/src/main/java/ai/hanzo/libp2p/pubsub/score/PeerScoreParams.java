package ai.hanzo.libp2p.pubsub.score;

import ai.hanzo.libp2p.peer.PeerId;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Peer scoring parameters of gossipsub v1.1 (P5 to P7 and the topic map); defaults as js-libp2p.
 *
 * @param topics per-topic parameters; topics not listed add nothing to the score
 * @param topicScoreCap caps the sum of positive topic scores (0: no cap)
 * @param appSpecificScore P5, the application's opinion of a peer
 * @param ipColocationFactorThreshold more peers than this on one IP are penalized (P6)
 * @param ipColocationFactorWhitelist IPs never penalized by P6
 * @param behaviourPenaltyThreshold P7 counts only the penalty above this
 * @param decayInterval how often counters decay (also what the decay factors are per)
 * @param decayToZero counters below this become 0
 * @param retainScore how long a disconnected peer's score is kept (so it cannot reset it by
 *     reconnecting)
 */
public record PeerScoreParams(
    Map<String, TopicScoreParams> topics, double topicScoreCap,
    ToDoubleFunction<PeerId> appSpecificScore, double appSpecificWeight,
    double ipColocationFactorWeight, double ipColocationFactorThreshold,
    Set<InetAddress> ipColocationFactorWhitelist,
    double behaviourPenaltyWeight, double behaviourPenaltyThreshold, double behaviourPenaltyDecay,
    Duration decayInterval, double decayToZero, Duration retainScore) {

  public PeerScoreParams {
    topics = Map.copyOf(topics);
    ipColocationFactorWhitelist = Set.copyOf(ipColocationFactorWhitelist);
    Objects.requireNonNull(appSpecificScore, "appSpecificScore");
    if (ipColocationFactorWeight > 0 || behaviourPenaltyWeight > 0) {
      throw new IllegalArgumentException(
          "ipColocationFactorWeight and behaviourPenaltyWeight must be <= 0");
    }
    if (ipColocationFactorThreshold < 1) {
      throw new IllegalArgumentException(
          "ipColocationFactorThreshold must be >= 1: " + ipColocationFactorThreshold);
    }
  }

  /**
   * js-libp2p's values, except that behaviour penalties decay by 1 % per second instead of 80 %:
   * with js's decay a peer that spams GRAFTs or IWANTs is forgiven within two heartbeats.
   */
  public static PeerScoreParams defaults() {
    return new PeerScoreParams(Map.of(), 10, p -> 0, 10, -5, 10, Set.of(),
        -10, 0, 0.99, Duration.ofSeconds(1), 0.1, Duration.ofHours(1));
  }

  public PeerScoreParams withTopic(String topic, TopicScoreParams params) {
    Map<String, TopicScoreParams> all = new HashMap<>(topics);
    all.put(topic, params);
    return new PeerScoreParams(all, topicScoreCap, appSpecificScore, appSpecificWeight,
        ipColocationFactorWeight, ipColocationFactorThreshold, ipColocationFactorWhitelist,
        behaviourPenaltyWeight, behaviourPenaltyThreshold, behaviourPenaltyDecay, decayInterval,
        decayToZero, retainScore);
  }

  public PeerScoreParams withAppSpecificScore(ToDoubleFunction<PeerId> score) {
    return new PeerScoreParams(topics, topicScoreCap, score, appSpecificWeight,
        ipColocationFactorWeight, ipColocationFactorThreshold, ipColocationFactorWhitelist,
        behaviourPenaltyWeight, behaviourPenaltyThreshold, behaviourPenaltyDecay, decayInterval,
        decayToZero, retainScore);
  }

  public PeerScoreParams withIpColocation(double weight, double threshold, Set<InetAddress> whitelist) {
    return new PeerScoreParams(topics, topicScoreCap, appSpecificScore, appSpecificWeight,
        weight, threshold, whitelist, behaviourPenaltyWeight, behaviourPenaltyThreshold,
        behaviourPenaltyDecay, decayInterval, decayToZero, retainScore);
  }
}
