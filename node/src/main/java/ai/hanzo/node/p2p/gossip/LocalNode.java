package ai.hanzo.node.p2p.gossip;

import java.util.List;

/** This node as its announcements describe it; read at each announcement. */
public interface LocalNode {
  String nodeId();

  /** READY, DRAINING, STARTING or STOPPED. */
  String state();

  Capabilities capabilities();

  MetricsSummary metrics();

  List<String> apiEndpoints();

  /** The operator this node's keystore signs for (0x and 40 hex digits, lower case); empty when it has none. */
  default String operatorAddress() {
    return "";
  }

  /** The libp2p addresses peers can dial (see {@code P2pAddressesToAnnounce}); none when not known. */
  default List<String> p2pAddresses() {
    return List.of();
  }

  /** Region, labels, cordon and free capacity for placing nodes; {@link PlacementFacts#UNKNOWN} when not known. */
  default PlacementFacts placement() {
    return PlacementFacts.UNKNOWN;
  }
}
