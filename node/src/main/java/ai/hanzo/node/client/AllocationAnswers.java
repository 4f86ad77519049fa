package ai.hanzo.node.client;

import ai.hanzo.node.api.v1.AllocateRequest;
import ai.hanzo.node.api.v1.AllocationResources;
import ai.hanzo.node.api.v1.ListAllocationsResponse;
import ai.hanzo.node.api.v1.PlacementStrategy;
import ai.hanzo.node.api.v1.ReleaseAllocationResponse;
import java.util.List;

/** Allocation requests and answers between the client's records and the wire. */
final class AllocationAnswers {
  private AllocationAnswers() {}

  static AllocateRequest request(AllocationAsk a) {
    return AllocateRequest.newBuilder().setPool(a.pool()).setRegion(a.region()).setCount(a.count())
        .setResources(AllocationResources.newBuilder().setCpus(a.cpus()).setMemory(a.memory()).setGpus(a.gpus())
            .setGpuModel(a.gpuModel()))
        .putAllConstraints(a.constraints()).setTtlSeconds(a.ttlSeconds())
        .setStrategy(a.strategy().equals("spread") ? PlacementStrategy.PLACEMENT_STRATEGY_SPREAD
            : PlacementStrategy.PLACEMENT_STRATEGY_BINPACK)
        .build();
  }

  static Allocation allocation(ai.hanzo.node.api.v1.Allocation a) {
    AllocationResources r = a.getResources();
    return new Allocation(a.getId(), a.getPool(), a.getRegion(), a.getCount(), r.getCpus(), r.getMemory(),
        r.getGpus(), r.getGpuModel(), a.getNodesList().stream().map(n -> new Allocation.Held(n.getNodeId(),
            n.getPeerId(), n.getGpusList(), n.getUsedBy())).toList(), a.getCreatedAt(), a.getExpiresAt(),
        a.getState());
  }

  static List<Allocation> allocations(ListAllocationsResponse r) {
    return r.getAllocationsList().stream().map(AllocationAnswers::allocation).toList();
  }

  static Allocation.Released released(ReleaseAllocationResponse r) {
    return new Allocation.Released(allocation(r.getAllocation()), r.getMessage());
  }
}
