package ai.hanzo.node.client;

import java.util.Map;

/**
 * Where a Deploy may run: {@link #HERE} (the node asked), anywhere on the network that meets the region and
 * constraints, chosen by {@code strategy} ({@code binpack} or {@code spread}), or into the allocation
 * {@code allocationId} (on a node holding it; not with anywhere).
 */
public record PlacementChoice(boolean anywhere, String region, Map<String, String> constraints, String strategy,
    String allocationId) {
  public static final PlacementChoice HERE = new PlacementChoice(false, "", Map.of(), "binpack");

  public PlacementChoice {
    constraints = Map.copyOf(constraints);
  }

  public PlacementChoice(boolean anywhere, String region, Map<String, String> constraints, String strategy) {
    this(anywhere, region, constraints, strategy, "");
  }

  /** Into an allocation made before ({@code hanzo-node allocate create}). */
  public static PlacementChoice into(String allocationId) {
    return new PlacementChoice(false, "", Map.of(), "binpack", allocationId);
  }
}
