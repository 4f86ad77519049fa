package ai.hanzo.node.client;

import java.util.List;

/**
 * Capacity held on the network as the node that made the allocation tells it: which nodes hold what, until when,
 * and which deployment used each hold.
 *
 * @param state active (some hold waits), used (every hold was used), expired or released
 */
public record Allocation(String id, String pool, String region, int count, String cpus, String memory, int gpus,
    String gpuModel, List<Held> nodes, String createdAt, String expiresAt, String state) {
  public Allocation {
    nodes = List.copyOf(nodes);
  }

  /** One node's hold; {@code usedBy} is empty while it waits for a deploy. */
  public record Held(String nodeId, String peerId, List<String> gpus, String usedBy) {
    public Held {
      gpus = List.copyOf(gpus);
    }
  }

  /** The answer to a release: the allocation as released, and which nodes could not be told. */
  public record Released(Allocation allocation, String message) {}
}
