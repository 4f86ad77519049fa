package ai.hanzo.node.p2p.gossip;

import java.time.Duration;

/**
 * Timing of the node's gossip.
 *
 * @param skew how far in the future a payload's timestamp may be (clock drift between nodes)
 * @param maxAge how old a payload may be and still be delivered
 */
public record GossipSettings(Duration heartbeatInterval, Duration metricsInterval, Duration skew, Duration maxAge) {
  public static final Duration DEFAULT_SKEW = Duration.ofSeconds(30);
  public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(2);
}
