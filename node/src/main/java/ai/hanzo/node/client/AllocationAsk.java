package ai.hanzo.node.client;

import java.util.Map;

/**
 * What {@code hanzo-node allocate create} asks for: {@code count} distinct nodes of a pool and/or region, each
 * holding {@code cpus}, {@code memory} and {@code gpus} for {@code ttlSeconds}. Empty strings and zeros leave the
 * node's defaults (any pool, one node, ten minutes); the node checks every value and answers INVALID_ARGUMENT.
 */
public record AllocationAsk(String pool, String region, int count, String cpus, String memory, int gpus,
    String gpuModel, Map<String, String> constraints, int ttlSeconds, String strategy) {
  public AllocationAsk {
    constraints = Map.copyOf(constraints);
  }
}
