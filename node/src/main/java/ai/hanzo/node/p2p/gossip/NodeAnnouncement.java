package ai.hanzo.node.p2p.gossip;

import java.time.Instant;
import java.util.List;

/**
 * A heartbeat on {@code hanzo/heartbeat/v1}.
 *
 * @param state READY, DRAINING, STARTING or STOPPED
 * @param apiEndpoints where the node's API answers, e.g. {@code grpc://127.0.0.1:50051}
 * @param operatorAddress the operator the node says it runs for (0x and 40 hex digits, lower case), empty when
 *     none; a claim only, which the registry's binding of the peer id confirms or not
 * @param placement region, labels and free capacity, {@link PlacementFacts#UNKNOWN} when the heartbeat had none
 * @param p2pAddresses the libp2p addresses peers can dial the node at (multiaddr text, at most
 *     {@link PayloadLimits#MAX_P2P_ADDRESSES}); what a placing node dials when it has no connection or record of it
 */
public record NodeAnnouncement(String nodeId, String peerId, String agent, String state, Capabilities capabilities,
    MetricsSummary metrics, List<String> apiEndpoints, Instant timestamp, String operatorAddress,
    PlacementFacts placement, List<String> p2pAddresses) implements GossipPayload {
  public NodeAnnouncement {
    apiEndpoints = List.copyOf(apiEndpoints);
    p2pAddresses = p2pAddresses == null ? List.of() : List.copyOf(p2pAddresses);
    operatorAddress = operatorAddress == null ? "" : operatorAddress;
    placement = placement == null ? PlacementFacts.UNKNOWN : placement;
  }

  /** A heartbeat that names no p2p address. */
  public NodeAnnouncement(String nodeId, String peerId, String agent, String state, Capabilities capabilities,
      MetricsSummary metrics, List<String> apiEndpoints, Instant timestamp, String operatorAddress,
      PlacementFacts placement) {
    this(nodeId, peerId, agent, state, capabilities, metrics, apiEndpoints, timestamp, operatorAddress, placement,
        List.of());
  }

  /** A heartbeat without placement facts. */
  public NodeAnnouncement(String nodeId, String peerId, String agent, String state, Capabilities capabilities,
      MetricsSummary metrics, List<String> apiEndpoints, Instant timestamp, String operatorAddress) {
    this(nodeId, peerId, agent, state, capabilities, metrics, apiEndpoints, timestamp, operatorAddress,
        PlacementFacts.UNKNOWN);
  }

  /** A heartbeat of a node that claims no operator. */
  public NodeAnnouncement(String nodeId, String peerId, String agent, String state, Capabilities capabilities,
      MetricsSummary metrics, List<String> apiEndpoints, Instant timestamp) {
    this(nodeId, peerId, agent, state, capabilities, metrics, apiEndpoints, timestamp, "");
  }
}
