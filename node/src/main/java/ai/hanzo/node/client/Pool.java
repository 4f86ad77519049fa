package ai.hanzo.node.client;

import java.util.Map;

/**
 * A compute pool as the node describes it now: its selector, how many members it has, how many can take work
 * (READY, not cordoned, heard recently) and how many went stale, and what the ready ones have free.
 *
 * @param state ready, degraded (members, none ready) or empty
 */
public record Pool(String id, Map<String, String> selector, int nodes, int readyNodes, int staleNodes,
    long freeNanoCpus, long freeMemoryBytes, int gpus, int freeGpus, String state) {
  public Pool {
    selector = Map.copyOf(selector);
  }
}
