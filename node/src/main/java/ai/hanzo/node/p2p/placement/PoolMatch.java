package ai.hanzo.node.p2p.placement;

import ai.hanzo.node.p2p.gossip.PlacementFacts;
import java.util.Locale;
import java.util.Map;

/**
 * Whether a node belongs to a compute pool: it matches every term of the pool's selector by what it is (region,
 * zone, runtimes, node id, labels, GPU model and memory), never by how busy it is. State, cordon and staleness do
 * not take a node out of its pool: the pool reports them, so an operator sees a member that went quiet rather than
 * a pool that silently shrank. Pure, like {@link PlacementRanking}, whose constraint keys it shares.
 */
public final class PoolMatch {
  private PoolMatch() {}

  /**
   * @param gpuMemoryBytes the selector's {@code gpu_memory} already parsed (0: none), the least memory per GPU
   */
  public static boolean matches(Candidate c, Map<String, String> selector, long gpuMemoryBytes) {
    PlacementFacts f = c.facts();
    if (!f.known()) {
      return false; // an older node tells nothing to match against
    }
    for (Map.Entry<String, String> e : selector.entrySet()) {
      String want = e.getValue();
      boolean ok = switch (e.getKey()) {
        case "region" -> want.equals(f.region());
        case "zone" -> want.equals(f.zone());
        case "node_id" -> want.equals(c.nodeId());
        case "runtime" -> c.runtimes().contains(want);
        case "gpu_model" -> f.gpus().total() > 0
            && f.gpus().model().toLowerCase(Locale.ROOT).contains(want.toLowerCase(Locale.ROOT));
        case "gpu_memory" -> f.gpus().total() > 0 && f.gpus().memoryBytes() >= gpuMemoryBytes;
        default -> want.equals(f.labels().get(e.getKey()));
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
