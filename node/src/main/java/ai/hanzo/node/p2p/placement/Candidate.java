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
 */
public record Candidate(String nodeId, String peerId, List<String> addresses, boolean local, String state,
    List<String> runtimes, PlacementFacts facts, Duration heartbeatAge) {
  public Candidate {
    addresses = List.copyOf(addresses);
    runtimes = List.copyOf(runtimes);
  }
}
