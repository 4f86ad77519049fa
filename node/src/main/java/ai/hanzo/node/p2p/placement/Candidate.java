package ai.hanzo.node.p2p.placement;

import ai.hanzo.node.p2p.gossip.PlacementFacts;
import java.time.Duration;
import java.util.List;

/**
 * A node a deployment could be placed on, as its latest heartbeat (or, for this node, its own state) describes it.
 *
 * @param local this node itself: placing here is a local deploy, no stream
 * @param addresses where to dial it when not connected
 * @param state READY, DRAINING, STARTING or STOPPED
 * @param heartbeatAge how long ago its heartbeat was received (zero for this node)
 * @param standing its stake and QoS score as this node knows them
 */
public record Candidate(String nodeId, String peerId, List<String> addresses, boolean local, String state,
    List<String> runtimes, PlacementFacts facts, Duration heartbeatAge, Standing standing) {
  public Candidate {
    addresses = List.copyOf(addresses);
    runtimes = List.copyOf(runtimes);
    standing = standing == null ? Standing.UNKNOWN : standing;
  }

  /** A candidate of which nothing beyond its heartbeat is known. */
  public Candidate(String nodeId, String peerId, List<String> addresses, boolean local, String state,
      List<String> runtimes, PlacementFacts facts, Duration heartbeatAge) {
    this(nodeId, peerId, addresses, local, state, runtimes, facts, heartbeatAge, Standing.UNKNOWN);
  }

  public Candidate withStanding(Standing s) {
    return new Candidate(nodeId, peerId, addresses, local, state, runtimes, facts, heartbeatAge, s);
  }
}
