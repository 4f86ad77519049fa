package ai.hanzo.node.api.endpoint;

import ai.hanzo.node.chain.ChainStatusSource;
import ai.hanzo.node.chain.OperatorService;
import ai.hanzo.node.chain.PeerStakes;
import ai.hanzo.node.p2p.P2pNode;
import ai.hanzo.node.compute.ComputeEngine;
import ai.hanzo.node.config.PoolDefinition;
import ai.hanzo.node.events.EventBus;
import ai.hanzo.node.inference.serving.ModelServer;
import ai.hanzo.node.metrics.HealthChecks;
import ai.hanzo.node.registry.NodeRegistry;
import ai.hanzo.node.usage.UsageRecorder;
import ai.hanzo.node.usage.UsageSearch;
import java.util.List;
import java.util.Optional;

/**
 * The one code path behind both transports: gRPC services and the HTTP/WebSocket mirror call these same
 * objects, so a rule or a fix applies to both.
 */
public record NodeApi(HealthEndpoint health, StatusEndpoint status, RegistryEndpoint registry,
    ComputeEndpoint compute, MetricsStreams metrics, EventStreams events, LogStreams logs, ExecStreams exec,
    NetworkEndpoint network, ImagesEndpoint images, OperatorsEndpoint operators, InferenceEndpoint inference,
    UsageEndpoint usage, ModelRouter router, QosEndpoint qos, PoolsEndpoint pools) {

  /** Wires the endpoints over the node's subsystems; an absent {@code compute} or {@code p2p} is UNIMPLEMENTED. */
  public static NodeApi create(SelfNode self, HealthChecks checks, String version, boolean mlxUsable,
      String networkId, NodeRegistry registry, EventBus events, Optional<ComputeEngine> compute,
      Optional<P2pNode> p2p) {
    return create(self, checks, version, mlxUsable, networkId, registry, events, compute, p2p, Optional.empty());
  }

  /** As above, with the chain the node follows (if any) for GetHealth's consensus. */
  public static NodeApi create(SelfNode self, HealthChecks checks, String version, boolean mlxUsable,
      String networkId, NodeRegistry registry, EventBus events, Optional<ComputeEngine> compute,
      Optional<P2pNode> p2p, Optional<ChainStatusSource> chain) {
    return create(self, checks, version, mlxUsable, networkId, registry, events, compute, p2p, chain,
        Optional.empty());
  }

  /** As above, with the node's operator service (a node with {@code --registry-contract}). */
  public static NodeApi create(SelfNode self, HealthChecks checks, String version, boolean mlxUsable,
      String networkId, NodeRegistry registry, EventBus events, Optional<ComputeEngine> compute,
      Optional<P2pNode> p2p, Optional<ChainStatusSource> chain, Optional<OperatorService> operators) {
    return create(self, checks, version, mlxUsable, networkId, registry, events, compute, p2p, chain, operators,
        Optional.empty());
  }

  /** As above, with the model server (if any) behind the inference routes and GetHealth's {@code models}. */
  public static NodeApi create(SelfNode self, HealthChecks checks, String version, boolean mlxUsable,
      String networkId, NodeRegistry registry, EventBus events, Optional<ComputeEngine> compute,
      Optional<P2pNode> p2p, Optional<ChainStatusSource> chain, Optional<OperatorService> operators,
      Optional<ModelServer> models) {
    return create(self, checks, version, mlxUsable, networkId, registry, events, compute, p2p, chain, operators,
        models, Optional.empty(), Optional.empty());
  }

  /** As above, with where inference usage is recorded and searched (the node database's usage log). */
  public static NodeApi create(SelfNode self, HealthChecks checks, String version, boolean mlxUsable,
      String networkId, NodeRegistry registry, EventBus events, Optional<ComputeEngine> compute,
      Optional<P2pNode> p2p, Optional<ChainStatusSource> chain, Optional<OperatorService> operators,
      Optional<ModelServer> models, Optional<UsageRecorder> usageRecorder, Optional<UsageSearch> usageSearch) {
    return create(self, checks, version, mlxUsable, networkId, registry, events, compute, p2p, chain, operators,
        models, usageRecorder, usageSearch, Optional.empty());
  }

  /** As above, with the stake checks of peers (a node with {@code --registry-contract}) for ListPeers. */
  public static NodeApi create(SelfNode self, HealthChecks checks, String version, boolean mlxUsable,
      String networkId, NodeRegistry registry, EventBus events, Optional<ComputeEngine> compute,
      Optional<P2pNode> p2p, Optional<ChainStatusSource> chain, Optional<OperatorService> operators,
      Optional<ModelServer> models, Optional<UsageRecorder> usageRecorder, Optional<UsageSearch> usageSearch,
      Optional<PeerStakes> stakes) {
    return create(self, checks, version, mlxUsable, networkId, registry, events, compute, p2p, chain, operators,
        models, usageRecorder, usageSearch, stakes, Optional.empty());
  }

  /** As above, with the placer of deployments on other nodes (Deploy with a placement block). */
  public static NodeApi create(SelfNode self, HealthChecks checks, String version, boolean mlxUsable,
      String networkId, NodeRegistry registry, EventBus events, Optional<ComputeEngine> compute,
      Optional<P2pNode> p2p, Optional<ChainStatusSource> chain, Optional<OperatorService> operators,
      Optional<ModelServer> models, Optional<UsageRecorder> usageRecorder, Optional<UsageSearch> usageSearch,
      Optional<PeerStakes> stakes, Optional<DeploymentPlacer> placer) {
    return create(self, checks, version, mlxUsable, networkId, registry, events, compute, p2p, chain, operators,
        models, usageRecorder, usageSearch, stakes, placer, List.of());
  }

  /** As above, with the compute pools this node describes ({@code --pool}). */
  public static NodeApi create(SelfNode self, HealthChecks checks, String version, boolean mlxUsable,
      String networkId, NodeRegistry registry, EventBus events, Optional<ComputeEngine> compute,
      Optional<P2pNode> p2p, Optional<ChainStatusSource> chain, Optional<OperatorService> operators,
      Optional<ModelServer> models, Optional<UsageRecorder> usageRecorder, Optional<UsageSearch> usageSearch,
      Optional<PeerStakes> stakes, Optional<DeploymentPlacer> placer, List<PoolDefinition> pools) {
    return create(self, checks, version, mlxUsable, networkId, registry, events, compute, p2p, chain, operators,
        models, usageRecorder, usageSearch, stakes, placer, pools, AllocationsEndpoint.none());
  }

  /** As above, with the allocations made through this node ({@code POST /v1/compute/allocate}). */
  public static NodeApi create(SelfNode self, HealthChecks checks, String version, boolean mlxUsable,
      String networkId, NodeRegistry registry, EventBus events, Optional<ComputeEngine> compute,
      Optional<P2pNode> p2p, Optional<ChainStatusSource> chain, Optional<OperatorService> operators,
      Optional<ModelServer> models, Optional<UsageRecorder> usageRecorder, Optional<UsageSearch> usageSearch,
      Optional<PeerStakes> stakes, Optional<DeploymentPlacer> placer, List<PoolDefinition> pools,
      AllocationsEndpoint allocations) {
    InferenceEndpoint inference = new InferenceEndpoint(models, usageRecorder, self.clock());
    return new NodeApi(
        new HealthEndpoint(checks, version, mlxUsable, networkId, chain, self.clock(), inference::loadedNames),
        new StatusEndpoint(self, registry, compute.map(ComputeEngine::deployments)),
        new RegistryEndpoint(registry, self.clock()),
        new ComputeEndpoint(compute, placer, allocations),
        new MetricsStreams(self, registry),
        new EventStreams(events, self, self.clock()),
        new LogStreams(compute.map(ComputeEngine::deployments), placer),
        new ExecStreams(compute, placer),
        new NetworkEndpoint(p2p, networkId, version, stakes),
        new ImagesEndpoint(compute),
        new OperatorsEndpoint(operators),
        inference,
        new UsageEndpoint(usageSearch, () -> p2p.flatMap(P2pNode::identity), self.nodeId(), self.clock()),
        new ModelRouter(inference, p2p, self.nodeId()),
        new QosEndpoint(p2p, operators, self.clock()),
        new PoolsEndpoint(placer, pools));
  }
}
