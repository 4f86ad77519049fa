package ai.hanzo.node.p2p.placement;

import java.util.Map;

/**
 * What a deployment asks of the node that runs it: its reservations (every service's times its replicas), its
 * replicas, and the constraints every key of which the node must meet ({@code region}, {@code zone},
 * {@code runtime}, {@code node_id}, else one of the node's labels).
 */
public record Demand(long nanoCpus, long memoryBytes, int replicas, Map<String, String> constraints,
    Strategy strategy) {
  public Demand {
    constraints = Map.copyOf(constraints);
  }

  /** How to choose among the nodes that fit. */
  public enum Strategy {
    /** The node left with the least free memory: large nodes stay free for large deployments. */
    BINPACK,
    /** The node left with the most free memory: load spreads out. */
    SPREAD
  }
}
