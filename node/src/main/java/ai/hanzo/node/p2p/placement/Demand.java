package ai.hanzo.node.p2p.placement;

import java.util.Map;

/**
 * What a deployment asks of the node that runs it: its reservations (every service's times its replicas), its
 * replicas, the constraints every key of which the node must meet ({@code region}, {@code zone},
 * {@code runtime}, {@code node_id}, else one of the node's labels), and its GPUs.
 */
public record Demand(long nanoCpus, long memoryBytes, int replicas, Map<String, String> constraints,
    Strategy strategy, Gpus gpus) {
  public Demand {
    constraints = Map.copyOf(constraints);
    gpus = gpus == null ? Gpus.NONE : gpus;
  }

  public Demand(long nanoCpus, long memoryBytes, int replicas, Map<String, String> constraints, Strategy strategy) {
    this(nanoCpus, memoryBytes, replicas, constraints, strategy, Gpus.NONE);
  }

  public Demand withGpus(Gpus wanted) {
    return new Demand(nanoCpus, memoryBytes, replicas, constraints, strategy, wanted);
  }

  /**
   * The GPUs a deployment asks for: how many free ones the node must have (all replicas together), and, from the
   * placement constraints {@code gpu_model} and {@code gpu_memory}, a model its GPUs' name must contain (ignoring
   * case: {@code A100} matches {@code NVIDIA A100-SXM4-80GB}; empty: any) and the least memory per GPU (0: any).
   */
  public record Gpus(long count, String model, long memoryBytes) {
    public static final Gpus NONE = new Gpus(0, "", 0);

    public boolean any() {
      return count > 0 || !model.isEmpty() || memoryBytes > 0;
    }
  }

  /** How to choose among the nodes that fit. */
  public enum Strategy {
    /** The node left with the least free memory: large nodes stay free for large deployments. */
    BINPACK,
    /** The node left with the most free memory: load spreads out. */
    SPREAD
  }
}
