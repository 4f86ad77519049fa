package ai.hanzo.node.p2p.placement;

import ai.hanzo.node.p2p.gossip.PlacementFacts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which node runs a deployment: every candidate is judged against the demand, and those that fit are ordered by
 * the strategy. Pure: no clock, no network, so the same heartbeats always give the same answer and a refusal always
 * says why. A candidate is refused for a heartbeat older than {@code staleAfter}, a state other than READY, a
 * cordon, no placement facts, no container runtime, an unmet constraint, too few free replicas, CPUs or memory,
 * GPUs that are too few, of another model or too small, a QoS ban, or (with {@code requireStake}) an operator without
 * the minimum stake; every reason that applies is named, not only the first. Of the nodes that fit, those with the
 * better QoS score (in tenths; a peer without a score counts as fully scored) come first, then the strategy decides.
 */
public final class PlacementRanking {
  /** Constraint keys that are GPU demands ({@link Demand.Gpus}), not attributes to match. */
  public static final java.util.Set<String> GPU_CONSTRAINTS = java.util.Set.of("gpu_model", "gpu_memory");
  private final Duration staleAfter;
  private final boolean requireStake;

  public PlacementRanking(Duration staleAfter) {
    this(staleAfter, false);
  }

  /** @param requireStake refuse other nodes whose PeerId the registry does not bind to a staked operator */
  public PlacementRanking(Duration staleAfter, boolean requireStake) {
    this.staleAfter = staleAfter;
    this.requireStake = requireStake;
  }

  /** Every candidate, the ones that fit first and best first, then the refused ones by node id. */
  public List<Verdict> rank(List<Candidate> candidates, Demand demand) {
    List<Verdict> fitting = new ArrayList<>();
    List<Verdict> refused = new ArrayList<>();
    for (Candidate c : candidates) {
      Verdict v = new Verdict(c, String.join("; ", refusals(c, demand)));
      (v.fits() ? fitting : refused).add(v);
    }
    Comparator<Verdict> leftMemory = Comparator.comparingLong(v -> v.candidate().facts().freeMemoryBytes());
    Comparator<Verdict> leftCpus = Comparator.comparingLong(v -> v.candidate().facts().freeNanoCpus());
    Comparator<Verdict> order = demand.strategy() == Demand.Strategy.SPREAD
        ? leftMemory.reversed().thenComparing(leftCpus.reversed())
        : leftMemory.thenComparing(leftCpus);
    Comparator<Verdict> score = Comparator.comparingInt((Verdict v) -> v.candidate().standing().scoreTenths())
        .reversed();
    fitting.sort(score.thenComparing(order).thenComparing(v -> v.candidate().nodeId())
        .thenComparing(v -> v.candidate().peerId()));
    refused.sort(Comparator.comparing((Verdict v) -> v.candidate().nodeId())
        .thenComparing(v -> v.candidate().peerId()));
    List<Verdict> all = new ArrayList<>(fitting);
    all.addAll(refused);
    return all;
  }

  private List<String> refusals(Candidate c, Demand d) {
    List<String> why = new ArrayList<>();
    if (!c.local() && c.heartbeatAge().compareTo(staleAfter) > 0) {
      why.add("stale heartbeat (" + c.heartbeatAge().toSeconds() + " s old, more than " + staleAfter.toSeconds()
          + " s)");
    }
    if (!"READY".equals(c.state())) {
      why.add("state " + c.state());
    }
    standingRefusals(c, why);
    PlacementFacts f = c.facts();
    if (!f.known()) {
      why.add("its heartbeat says nothing of its free capacity (an older node)");
      return why;
    }
    if (f.cordoned()) {
      why.add("cordoned");
    }
    if (c.runtimes().isEmpty()) {
      why.add("no container runtime available");
    }
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(d.constraints()).entrySet()) {
      if (GPU_CONSTRAINTS.contains(e.getKey())) {
        continue; // judged as GPUs below
      }
      String have = e.getKey().equals("runtime") && c.runtimes().contains(e.getValue()) ? e.getValue()
          : attribute(c, e.getKey());
      if (have == null) {
        why.add("no " + e.getKey() + " (wanted " + e.getValue() + ")");
      } else if (!have.equals(e.getValue())) {
        why.add(e.getKey() + " is '" + have + "', wanted '" + e.getValue() + "'");
      }
    }
    if (d.replicas() > f.freeReplicas()) {
      why.add("room for " + f.freeReplicas() + " more replicas, needs " + d.replicas());
    }
    if (d.nanoCpus() > f.freeNanoCpus()) {
      why.add("not enough CPU: " + cpus(f.freeNanoCpus()) + " free, needs " + cpus(d.nanoCpus()));
    }
    if (d.memoryBytes() > f.freeMemoryBytes()) {
      why.add("not enough memory: " + mib(f.freeMemoryBytes()) + " free, needs " + mib(d.memoryBytes()));
    }
    gpuRefusals(f.gpus(), d.gpus(), why);
    return why;
  }

  /** This node never refuses itself for its own stake: its operator chose to run it. */
  private void standingRefusals(Candidate c, List<String> why) {
    if (c.local()) {
      return;
    }
    if (requireStake && c.standing().stake() != Standing.Stake.STAKED) {
      why.add(c.standing().stake() == Standing.Stake.UNKNOWN ? "not staked (its stake is not known yet)"
          : "not staked (its operator holds less than the minimum stake, or none is bound)");
    }
    if (c.standing().qosBanned()) {
      why.add("banned by QoS for failed challenges");
    }
  }

  private static void gpuRefusals(PlacementFacts.Gpus have, Demand.Gpus want, List<String> why) {
    if (!want.any()) {
      return;
    }
    if (have.total() == 0) {
      why.add("no GPU");
      return;
    }
    if (!want.model().isEmpty()
        && !have.model().toLowerCase(Locale.ROOT).contains(want.model().toLowerCase(Locale.ROOT))) {
      why.add("no GPU of that model (has " + have.model() + ", wanted " + want.model() + ")");
    }
    if (want.memoryBytes() > have.memoryBytes()) {
      why.add("not enough GPU memory: " + mib(have.memoryBytes()) + " per GPU, needs " + mib(want.memoryBytes()));
    }
    if (want.count() > have.free()) {
      why.add("not enough GPUs: " + have.free() + " free of " + have.total() + ", needs " + want.count());
    }
  }

  /** The value a constraint key is matched against; null when the node has none. */
  private static String attribute(Candidate c, String key) {
    PlacementFacts f = c.facts();
    return switch (key) {
      case "region" -> f.region().isEmpty() ? null : f.region();
      case "zone" -> f.zone().isEmpty() ? null : f.zone();
      case "node_id" -> c.nodeId();
      case "runtime" -> c.runtimes().isEmpty() ? null : String.join(",", c.runtimes());
      default -> f.labels().get(key);
    };
  }

  private static String cpus(long nanos) {
    return String.format(Locale.ROOT, "%.2f CPUs", nanos / 1e9);
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
  }
}
