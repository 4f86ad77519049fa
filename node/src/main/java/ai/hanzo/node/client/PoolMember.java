package ai.hanzo.node.client;

import java.util.List;
import java.util.Map;

/**
 * One member of a compute pool, from its latest heartbeat (or, for the node that answered, its own state).
 *
 * @param local the node that answered
 * @param stale its heartbeat is older than three heartbeat intervals
 */
public record PoolMember(String nodeId, String peerId, boolean local, String state, boolean cordoned, boolean stale,
    long heartbeatAgeMs, String region, String zone, Map<String, String> labels, List<String> runtimes,
    long freeNanoCpus, long freeMemoryBytes, int freeReplicas, int gpus, int freeGpus, String gpuModel,
    long gpuMemoryBytes) {
  public PoolMember {
    labels = Map.copyOf(labels);
    runtimes = List.copyOf(runtimes);
  }
}
