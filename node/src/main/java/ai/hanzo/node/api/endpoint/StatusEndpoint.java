package ai.hanzo.node.api.endpoint;

import ai.hanzo.node.api.access.OrgScope;
import ai.hanzo.node.api.mapping.ProtoMapping;
import ai.hanzo.node.api.v1.DeploymentStatus;
import ai.hanzo.node.api.v1.GetStatusRequest;
import ai.hanzo.node.api.v1.GetStatusResponse;
import ai.hanzo.node.api.v1.NodeState;
import ai.hanzo.node.api.v1.ReplicaStatus;
import ai.hanzo.node.compute.DeploymentService;
import ai.hanzo.node.compute.Tenant;
import ai.hanzo.node.compute.DeploymentSummary;
import ai.hanzo.node.compute.ReplicaSummary;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.registry.NodeRegistry;
import ai.hanzo.node.registry.RegisteredNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GetStatus. An empty {@code node_id} or ours is this node (host metrics from the sampler, deployments from the
 * compute engine when there is one); the id of a registered node is that node as of its last heartbeat (uptime
 * counted from its confirmation); anything else is NOT_FOUND. This node's deployments come from the engine's
 * {@link DeploymentService#statusSnapshot() status snapshot}, so they never wait for the runtime; a registered node
 * is read from the registry (which may read the node database), so callers run that off the event loop
 * ({@link #answersInMemory}).
 */
public final class StatusEndpoint {
  private final SelfNode self;
  private final NodeRegistry registry;
  private final Optional<DeploymentService> deployments;
  private final Map<String, Mapped> mapped = new ConcurrentHashMap<>();

  /** A summary and its message; valid while the engine hands out the same summary instance. */
  private record Mapped(DeploymentSummary summary, DeploymentStatus status) {}

  private static final int FORGET_SLACK = 64;

  public StatusEndpoint(SelfNode self, NodeRegistry registry, Optional<DeploymentService> deployments) {
    this.self = self;
    this.registry = registry;
    this.deployments = deployments;
  }

  /**
   * Whether {@link #getStatus} answers from memory alone (this node: the host sampler and the engine's snapshot),
   * so a transport may call it on its event loop.
   */
  public boolean answersInMemory(GetStatusRequest request) {
    return self.isSelf(request.getNodeId());
  }

  public GetStatusResponse getStatus(GetStatusRequest request) {
    if (self.isSelf(request.getNodeId())) {
      GetStatusResponse.Builder b = GetStatusResponse.newBuilder()
          .setState(state(self.phase().get()))
          .setUptimeSeconds(self.uptimeSeconds())
          .setMetrics(ProtoMapping.metrics(self.metrics().latest()));
      Tenant tenant = OrgScope.current();
      deployments.ifPresent(d -> mapAll(d.statusSnapshot(tenant), b));
      return b.build();
    }
    RegisteredNode node = registry.get(request.getNodeId())
        .orElseThrow(() -> NodeException.notFound("node", request.getNodeId()));
    GetStatusResponse.Builder b = GetStatusResponse.newBuilder().setState(switch (node.state()) {
      case PENDING_PROOF -> NodeState.NODE_STATE_STARTING;
      case ONLINE -> NodeState.NODE_STATE_READY;
      case OFFLINE -> NodeState.NODE_STATE_STOPPED;
    });
    if (node.confirmedAt() != null) {
      b.setUptimeSeconds(Math.max(0, self.clock().instant().getEpochSecond() - node.confirmedAt().getEpochSecond()));
    }
    if (node.lastMetrics() != null) {
      b.setMetrics(ProtoMapping.metrics(node.lastMetrics()));
    }
    return b.build();
  }

  /**
   * Adds the snapshot's deployments, mapped once per summary instance: the engine keeps a summary until its
   * deployment changes, so a busy GetStatus maps (and allocates) nothing new between passes.
   */
  private void mapAll(List<DeploymentSummary> summaries, GetStatusResponse.Builder b) {
    for (DeploymentSummary s : summaries) {
      Mapped m = mapped.get(s.deploymentId());
      if (m == null || m.summary() != s) {
        m = new Mapped(s, deployment(s));
        mapped.put(s.deploymentId(), m);
      }
      b.addDeployments(m.status());
    }
    if (mapped.size() > summaries.size() + FORGET_SLACK) { // removed deployments (or other orgs'): map again later
      Set<String> shown = new HashSet<>();
      summaries.forEach(s -> shown.add(s.deploymentId()));
      mapped.keySet().retainAll(shown);
    }
  }

  static NodeState state(NodePhase phase) {
    return switch (phase) {
      case STARTING -> NodeState.NODE_STATE_STARTING;
      case READY -> NodeState.NODE_STATE_READY;
      case DRAINING -> NodeState.NODE_STATE_DRAINING;
      case STOPPED -> NodeState.NODE_STATE_STOPPED;
    };
  }

  static DeploymentStatus deployment(DeploymentSummary s) {
    return DeploymentStatus.newBuilder().setDeploymentId(s.deploymentId()).setName(s.name()).setStatus(s.status())
        .setReplicas(s.replicas()).setReadyReplicas(s.readyReplicas()).setUpdatedReplicas(s.updatedReplicas())
        .addAllReplicaStatuses(s.replicaStatuses().stream().map(StatusEndpoint::replica).toList()).build();
  }

  static ReplicaStatus replica(ReplicaSummary r) {
    return ReplicaStatus.newBuilder().setService(r.service()).setReplica(r.replica()).setName(r.name())
        .setContainerId(r.containerId()).setState(r.state()).setReason(r.reason()).setMessage(r.message())
        .setExitCode(r.exitCode()).setRestartCount(r.restartCount()).setNextRetryMillis(r.nextRetryEpochMillis())
        .setReady(r.ready()).build();
  }

  static List<DeploymentStatus> deployments(List<DeploymentSummary> list) {
    return list.stream().map(StatusEndpoint::deployment).toList();
  }
}
