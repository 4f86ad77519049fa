package ai.hanzo.node.client;

import java.util.Map;

/**
 * Where a Deploy may run: {@link #HERE} (the node asked), or anywhere on the network that meets the region and
 * constraints, chosen by {@code strategy} ({@code binpack} or {@code spread}).
 */
public record PlacementChoice(boolean anywhere, String region, Map<String, String> constraints, String strategy) {
  public static final PlacementChoice HERE = new PlacementChoice(false, "", Map.of(), "binpack");

  public PlacementChoice {
    constraints = Map.copyOf(constraints);
  }
}
