package ai.hanzo.node.p2p.gossip;

import java.util.Map;

/**
 * What a node tells, in its heartbeat, to nodes that place deployments: where it is, its labels, whether it takes
 * new deployments, and what its running deployments leave unreserved.
 *
 * @param known false for a heartbeat without these facts (a node of an older version): a placing node cannot
 *     tell whether such a node has room, so it does not place there
 */
public record PlacementFacts(boolean known, String region, String zone, Map<String, String> labels,
    boolean cordoned, long freeNanoCpus, long freeMemoryBytes, int freeReplicas) {
  /** A heartbeat that said nothing about placement. */
  public static final PlacementFacts UNKNOWN = new PlacementFacts(false, "", "", Map.of(), false, 0, 0, 0);

  public PlacementFacts {
    labels = Map.copyOf(labels);
  }

  public PlacementFacts(String region, String zone, Map<String, String> labels, boolean cordoned, long freeNanoCpus,
      long freeMemoryBytes, int freeReplicas) {
    this(true, region, zone, labels, cordoned, freeNanoCpus, freeMemoryBytes, freeReplicas);
  }
}
