package ai.hanzo.libp2p.pubsub;

import ai.hanzo.libp2p.pubsub.score.PeerScoreParams;
import ai.hanzo.libp2p.pubsub.score.PeerScoreThresholds;
import java.time.Duration;

/**
 * Gossipsub v1.1 parameters; {@link #defaults()} are the spec's (and js-libp2p's) values.
 *
 * @param d desired mesh degree; {@code dLo}/{@code dHi} trigger grafting/pruning
 * @param dScore peers kept by score when pruning an oversized mesh
 * @param dOut outbound peers the mesh keeps at least (eclipse protection)
 * @param dLazy peers gossiped to per heartbeat at least
 * @param gossipFactor fraction of eligible peers gossiped to, when more than {@code dLazy}
 * @param heartbeatInitialDelay time until the first heartbeat
 * @param fanoutTtl fanout of a topic we published to but do not subscribe is kept this long
 * @param mcacheLength heartbeats a message stays retrievable by IWANT
 * @param mcacheGossip heartbeats a message is advertised in IHAVE
 * @param seenTtl how long a message id is remembered for de-duplication
 * @param pruneBackoff how long a pruned peer may not graft again
 * @param unsubscribeBackoff the backoff sent when leaving a topic
 * @param graftFloodThreshold a GRAFT this soon after a PRUNE earns an extra penalty
 * @param opportunisticGraftTicks heartbeats between opportunistic grafts
 * @param opportunisticGraftPeers peers grafted opportunistically each time
 * @param maxIHaveLength message ids asked for (IWANT) per peer and heartbeat
 * @param maxIHaveMessages IHAVE messages accepted per peer and heartbeat
 * @param iwantFollowupTime a peer that advertised a message must deliver it this soon after IWANT
 * @param gossipRetransmission times one peer may fetch the same message by IWANT
 * @param floodPublish send own messages to every topic peer above the publish threshold
 * @param doPx include peers (PX) in PRUNEs we send
 * @param prunePeers peers included in a PX, and dialled at most from one
 * @param maxMessageSize largest RPC frame accepted or sent, in bytes
 * @param maxOutboundQueueBytes unsent bytes per peer above which messages to it are dropped
 */
public record GossipsubConfig(
    int d, int dLo, int dHi, int dScore, int dOut, int dLazy, double gossipFactor,
    Duration heartbeatInterval, Duration heartbeatInitialDelay, Duration fanoutTtl,
    int mcacheLength, int mcacheGossip, Duration seenTtl,
    Duration pruneBackoff, Duration unsubscribeBackoff, Duration graftFloodThreshold,
    int opportunisticGraftTicks, int opportunisticGraftPeers,
    int maxIHaveLength, int maxIHaveMessages, Duration iwantFollowupTime,
    int gossipRetransmission, boolean floodPublish, boolean doPx, int prunePeers,
    int maxMessageSize, long maxOutboundQueueBytes,
    PeerScoreParams scoreParams, PeerScoreThresholds scoreThresholds) {

  public static final int DEFAULT_MAX_MESSAGE_SIZE = 1 << 20;

  public GossipsubConfig {
    if (!(dLo <= d && d <= dHi) || dOut >= dLo || dOut > d / 2 || dScore > d || dLazy < 0) {
      throw new IllegalArgumentException("mesh degrees must satisfy Dlo (" + dLo + ") <= D (" + d
          + ") <= Dhi (" + dHi + "), Dout (" + dOut + ") < Dlo and <= D/2, Dscore (" + dScore
          + ") <= D");
    }
    if (mcacheGossip > mcacheLength || mcacheGossip < 1) {
      throw new IllegalArgumentException("mcacheGossip (" + mcacheGossip
          + ") must be between 1 and mcacheLength (" + mcacheLength + ")");
    }
    if (maxMessageSize < 64) {
      throw new IllegalArgumentException("maxMessageSize too small: " + maxMessageSize);
    }
    if (heartbeatInterval.isZero() || heartbeatInterval.isNegative()) {
      throw new IllegalArgumentException("heartbeatInterval must be positive");
    }
  }

  public static GossipsubConfig defaults() {
    return new GossipsubConfig(6, 4, 12, 4, 2, 6, 0.25,
        Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofSeconds(60),
        5, 3, Duration.ofMinutes(2),
        Duration.ofMinutes(1), Duration.ofSeconds(10), Duration.ofSeconds(10),
        60, 2, 5000, 10, Duration.ofSeconds(3), 3, true, false, 16,
        DEFAULT_MAX_MESSAGE_SIZE, 16L << 20,
        PeerScoreParams.defaults(), PeerScoreThresholds.defaults());
  }

  public GossipsubConfig withScoring(PeerScoreParams params, PeerScoreThresholds thresholds) {
    return new GossipsubConfig(d, dLo, dHi, dScore, dOut, dLazy, gossipFactor, heartbeatInterval,
        heartbeatInitialDelay, fanoutTtl, mcacheLength, mcacheGossip, seenTtl, pruneBackoff,
        unsubscribeBackoff, graftFloodThreshold, opportunisticGraftTicks, opportunisticGraftPeers,
        maxIHaveLength, maxIHaveMessages, iwantFollowupTime, gossipRetransmission, floodPublish,
        doPx, prunePeers, maxMessageSize, maxOutboundQueueBytes, params, thresholds);
  }

  public GossipsubConfig withMaxMessageSize(int bytes) {
    return new GossipsubConfig(d, dLo, dHi, dScore, dOut, dLazy, gossipFactor, heartbeatInterval,
        heartbeatInitialDelay, fanoutTtl, mcacheLength, mcacheGossip, seenTtl, pruneBackoff,
        unsubscribeBackoff, graftFloodThreshold, opportunisticGraftTicks, opportunisticGraftPeers,
        maxIHaveLength, maxIHaveMessages, iwantFollowupTime, gossipRetransmission, floodPublish,
        doPx, prunePeers, bytes, maxOutboundQueueBytes, scoreParams, scoreThresholds);
  }

  public GossipsubConfig withPeerExchange(boolean enabled) {
    return new GossipsubConfig(d, dLo, dHi, dScore, dOut, dLazy, gossipFactor, heartbeatInterval,
        heartbeatInitialDelay, fanoutTtl, mcacheLength, mcacheGossip, seenTtl, pruneBackoff,
        unsubscribeBackoff, graftFloodThreshold, opportunisticGraftTicks, opportunisticGraftPeers,
        maxIHaveLength, maxIHaveMessages, iwantFollowupTime, gossipRetransmission, floodPublish,
        enabled, prunePeers, maxMessageSize, maxOutboundQueueBytes, scoreParams, scoreThresholds);
  }

  public GossipsubConfig withFloodPublish(boolean enabled) {
    return new GossipsubConfig(d, dLo, dHi, dScore, dOut, dLazy, gossipFactor, heartbeatInterval,
        heartbeatInitialDelay, fanoutTtl, mcacheLength, mcacheGossip, seenTtl, pruneBackoff,
        unsubscribeBackoff, graftFloodThreshold, opportunisticGraftTicks, opportunisticGraftPeers,
        maxIHaveLength, maxIHaveMessages, iwantFollowupTime, gossipRetransmission, enabled,
        doPx, prunePeers, maxMessageSize, maxOutboundQueueBytes, scoreParams, scoreThresholds);
  }
}
