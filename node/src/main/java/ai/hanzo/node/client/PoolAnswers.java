package ai.hanzo.node.client;

import ai.hanzo.node.api.v1.ComputePool;
import ai.hanzo.node.api.v1.ListPoolNodesResponse;
import ai.hanzo.node.api.v1.ListPoolsResponse;
import ai.hanzo.node.api.v1.PoolNode;
import java.util.List;

/** The node's answers about compute pools as the client's records. */
final class PoolAnswers {
  private PoolAnswers() {}

  static List<Pool> pools(ListPoolsResponse r) {
    return r.getPoolsList().stream().map(PoolAnswers::pool).toList();
  }

  static Pool pool(ComputePool p) {
    return new Pool(p.getId(), p.getSelectorMap(), p.getNodes(), p.getReadyNodes(), p.getStaleNodes(),
        p.getFreeNanoCpus(), p.getFreeMemoryBytes(), p.getGpus(), p.getFreeGpus(), p.getState());
  }

  static List<PoolMember> members(ListPoolNodesResponse r) {
    return r.getNodesList().stream().map(PoolAnswers::member).toList();
  }

  private static PoolMember member(PoolNode n) {
    return new PoolMember(n.getNodeId(), n.getPeerId(), n.getLocal(), n.getState(), n.getCordoned(), n.getStale(),
        n.getHeartbeatAgeMs(), n.getRegion(), n.getZone(), n.getLabelsMap(), n.getRuntimesList(),
        n.getFreeNanoCpus(), n.getFreeMemoryBytes(), n.getFreeReplicas(), n.getGpus(), n.getFreeGpus(),
        n.getGpuModel(), n.getGpuMemoryBytes());
  }
}
