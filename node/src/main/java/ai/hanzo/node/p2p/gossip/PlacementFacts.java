package ai.hanzo.node.p2p.gossip;

import java.util.Map;

/**
 * What a node tells, in its heartbeat, to nodes that place deployments: where it is, its labels, whether it takes
 * new deployments, and what its running deployments leave unreserved.
 *
 * @param known false for a heartbeat without these facts (a node of an older version): a placing node cannot
 *     tell whether such a node has room, so it does not place there
 * @param gpus its GPUs ({@link Gpus#NONE} for a node without, or of a version before GPUs were announced)
 */
public record PlacementFacts(boolean known, String region, String zone, Map<String, String> labels,
    boolean cordoned, long freeNanoCpus, long freeMemoryBytes, int freeReplicas, Gpus gpus) {
  /** A heartbeat that said nothing about placement. */
  public static final PlacementFacts UNKNOWN = new PlacementFacts(false, "", "", Map.of(), false, 0, 0, 0);

  public PlacementFacts {
    labels = Map.copyOf(labels);
    gpus = gpus == null ? Gpus.NONE : gpus;
  }

  public PlacementFacts(boolean known, String region, String zone, Map<String, String> labels, boolean cordoned,
      long freeNanoCpus, long freeMemoryBytes, int freeReplicas) {
    this(known, region, zone, labels, cordoned, freeNanoCpus, freeMemoryBytes, freeReplicas, Gpus.NONE);
  }

  /** These facts with {@code g} as the node's GPUs. */
  public PlacementFacts withGpus(Gpus g) {
    return new PlacementFacts(known, region, zone, labels, cordoned, freeNanoCpus, freeMemoryBytes, freeReplicas, g);
  }

  /**
   * A node's GPUs: how many, how many no running replica holds, and the model and memory of the first (a node
   * with mixed models announces its first one's).
   */
  public record Gpus(int total, int free, String model, long memoryBytes) {
    public static final Gpus NONE = new Gpus(0, 0, "", 0);
  }

  public PlacementFacts(String region, String zone, Map<String, String> labels, boolean cordoned, long freeNanoCpus,
      long freeMemoryBytes, int freeReplicas) {
    this(true, region, zone, labels, cordoned, freeNanoCpus, freeMemoryBytes, freeReplicas);
  }
}
