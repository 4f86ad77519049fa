package ai.hanzo.node.api.endpoint;

import ai.hanzo.node.api.v1.ComputePool;
import ai.hanzo.node.api.v1.GetPoolRequest;
import ai.hanzo.node.api.v1.ListPoolNodesRequest;
import ai.hanzo.node.api.v1.ListPoolNodesResponse;
import ai.hanzo.node.api.v1.ListPoolsRequest;
import ai.hanzo.node.api.v1.ListPoolsResponse;
import ai.hanzo.node.api.v1.PoolNode;
import ai.hanzo.node.config.PoolDefinition;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.p2p.gossip.PlacementFacts;
import ai.hanzo.node.p2p.placement.Candidate;
import ai.hanzo.node.p2p.placement.PoolMatch;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * ListPools, GetPool and ListPoolNodes: the pools this node is configured with ({@code --pool}), their members
 * taken at each call from the same candidates a placement ranks (this node and every heartbeat it holds), so a pool
 * and a placement never disagree on what a node has free. A member whose heartbeat is older than the placement's
 * stale limit is marked stale and left out of the free sums (its numbers may be gone by now).
 */
public final class PoolsEndpoint {
  private final Optional<DeploymentPlacer> placer;
  private final List<PoolDefinition> pools;

  /** @param placer where the candidates come from; empty (no p2p): every pool is answered UNAVAILABLE */
  public PoolsEndpoint(Optional<DeploymentPlacer> placer, List<PoolDefinition> pools) {
    this.placer = placer;
    this.pools = List.copyOf(pools);
  }

  /** A node with no pools configured and no placer: every pool id is unknown. */
  public static PoolsEndpoint none() {
    return new PoolsEndpoint(Optional.empty(), List.of());
  }

  public ListPoolsResponse list(ListPoolsRequest r) {
    ListPoolsResponse.Builder b = ListPoolsResponse.newBuilder();
    if (pools.isEmpty()) {
      return b.build();
    }
    List<Candidate> candidates = candidates();
    Duration staleAfter = staleAfter();
    for (PoolDefinition p : pools) {
      b.addPools(summary(p, members(p, candidates), staleAfter));
    }
    return b.build();
  }

  public ComputePool get(GetPoolRequest r) {
    PoolDefinition p = pool(r.getId());
    return summary(p, members(p, candidates()), staleAfter());
  }

  public ListPoolNodesResponse nodes(ListPoolNodesRequest r) {
    PoolDefinition p = pool(r.getId());
    Duration staleAfter = staleAfter();
    ListPoolNodesResponse.Builder b = ListPoolNodesResponse.newBuilder().setPoolId(p.id());
    for (Candidate c : members(p, candidates())) {
      b.addNodes(node(c, stale(c, staleAfter)));
    }
    return b.build();
  }

  /** The configured pool of that id; INVALID_ARGUMENT for an id no pool could have, NOT_FOUND for an unknown one. */
  PoolDefinition pool(String id) {
    if (!PoolDefinition.NAME.matcher(id).matches()) {
      throw NodeException.invalidField("id", "a pool id is 1 to 63 of A-Z a-z 0-9 . _ -, starting with a letter"
          + " or digit");
    }
    return pools.stream().filter(p -> p.id().equals(id)).findFirst()
        .orElseThrow(() -> NodeException.notFound("pool", id));
  }

  private List<Candidate> candidates() {
    return placer.orElseThrow(() -> new NodeException(ErrorCode.UNAVAILABLE,
        "this node has no view of the network (p2p is not running)")).candidates();
  }

  private Duration staleAfter() {
    return placer.map(DeploymentPlacer::staleAfter).orElse(Duration.ZERO);
  }

  private static List<Candidate> members(PoolDefinition p, List<Candidate> candidates) {
    long gpuMemory = p.gpuMemoryBytes();
    return candidates.stream().filter(c -> PoolMatch.matches(c, p.selector(), gpuMemory))
        .sorted(Comparator.comparing(Candidate::nodeId).thenComparing(Candidate::peerId)).toList();
  }

  private static boolean stale(Candidate c, Duration staleAfter) {
    return !c.local() && c.heartbeatAge().compareTo(staleAfter) > 0;
  }

  /** Where work can go now: READY, not cordoned, heard recently. */
  private static boolean ready(Candidate c, Duration staleAfter) {
    return "READY".equals(c.state()) && !c.facts().cordoned() && !stale(c, staleAfter);
  }

  static ComputePool summary(PoolDefinition p, List<Candidate> members, Duration staleAfter) {
    ComputePool.Builder b = ComputePool.newBuilder().setId(p.id()).putAllSelector(p.selector())
        .setNodes(members.size());
    int ready = 0;
    int stale = 0;
    long cpus = 0;
    long memory = 0;
    int gpus = 0;
    int freeGpus = 0;
    for (Candidate c : members) {
      if (stale(c, staleAfter)) {
        stale++;
      }
      if (!ready(c, staleAfter)) {
        continue;
      }
      ready++;
      PlacementFacts f = c.facts();
      cpus += f.freeNanoCpus();
      memory += f.freeMemoryBytes();
      gpus += f.gpus().total();
      freeGpus += f.gpus().free();
    }
    return b.setReadyNodes(ready).setStaleNodes(stale).setFreeNanoCpus(cpus).setFreeMemoryBytes(memory)
        .setGpus(gpus).setFreeGpus(freeGpus)
        .setState(members.isEmpty() ? "empty" : ready > 0 ? "ready" : "degraded").build();
  }

  private static PoolNode node(Candidate c, boolean stale) {
    PlacementFacts f = c.facts();
    return PoolNode.newBuilder().setNodeId(c.nodeId()).setPeerId(c.peerId()).setLocal(c.local())
        .setState(c.state()).setCordoned(f.cordoned()).setStale(stale)
        .setHeartbeatAgeMs(c.heartbeatAge().toMillis()).setRegion(f.region()).setZone(f.zone())
        .putAllLabels(f.labels()).addAllRuntimes(c.runtimes()).setFreeNanoCpus(f.freeNanoCpus())
        .setFreeMemoryBytes(f.freeMemoryBytes()).setFreeReplicas(f.freeReplicas()).setGpus(f.gpus().total())
        .setFreeGpus(f.gpus().free()).setGpuModel(f.gpus().model()).setGpuMemoryBytes(f.gpus().memoryBytes())
        .build();
  }
}
