package ai.hanzo.node.p2p.placement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The decision behind an allocation: {@code count} distinct nodes, each able to take {@code perNode} now, chosen
 * among the candidates of a pool (its selector joins the demand's constraints, so a node outside the pool is refused
 * with the same words a placement uses: {@code tier is 'silver', wanted 'gold'}). Pure, as {@link PlacementRanking}:
 * the nodes chosen are the first {@code count} that fit in the ranking's order; when fewer fit, nothing is chosen
 * and every candidate's verdict says why.
 *
 * @param chosen the nodes to reserve on, best first; empty when the demand cannot be met
 * @param ranked every candidate's verdict, as {@link PlacementRanking#rank} orders them
 */
public record AllocationPlan(List<Verdict> chosen, List<Verdict> ranked, int count) {
  /** Most nodes one allocation reserves on. */
  public static final int MAX_NODES = 64;

  public AllocationPlan {
    chosen = List.copyOf(chosen);
    ranked = List.copyOf(ranked);
  }

  public boolean satisfied() {
    return !chosen.isEmpty();
  }

  /**
   * Plans {@code count} nodes for {@code perNode} among {@code candidates}, after adding {@code poolSelector} to the
   * demand's constraints. IllegalArgumentException when a pool term contradicts a constraint the caller gave (a pool
   * of region eu and region=us) or the count is outside 1..{@link #MAX_NODES}.
   */
  public static AllocationPlan plan(PlacementRanking ranking, List<Candidate> candidates, Demand perNode, int count,
      Map<String, String> poolSelector) {
    if (count < 1 || count > MAX_NODES) {
      throw new IllegalArgumentException("count must be 1 to " + MAX_NODES + ", was " + count);
    }
    Map<String, String> constraints = new LinkedHashMap<>(perNode.constraints());
    poolSelector.forEach((k, v) -> {
      String other = constraints.putIfAbsent(k, v);
      if (other != null && !other.equals(v)) {
        throw new IllegalArgumentException("the pool selects " + k + "=" + v + " but the constraints say " + k + "="
            + other);
      }
    });
    Demand wanted = new Demand(perNode.nanoCpus(), perNode.memoryBytes(), perNode.replicas(), constraints,
        perNode.strategy(), perNode.gpus());
    List<Verdict> ranked = ranking.rank(candidates, wanted);
    List<Verdict> chosen = new ArrayList<>();
    for (Verdict v : ranked) {
      if (!v.fits() || chosen.size() == count) {
        break; // fitting verdicts come first
      }
      chosen.add(v);
    }
    return new AllocationPlan(chosen.size() == count ? chosen : List.of(), ranked, count);
  }

  /** Why nothing was chosen: how many fit of how many needed, then each refused candidate and its reasons. */
  public String refusal() {
    long fitting = ranked.stream().filter(Verdict::fits).count();
    List<String> each = new ArrayList<>();
    for (Verdict v : ranked) {
      if (!v.fits()) {
        each.add(v.describe());
      }
    }
    return fitting + " of " + ranked.size() + " candidates fit, " + count + " needed"
        + (each.isEmpty() ? "" : ": " + String.join(" | ", each));
  }
}
