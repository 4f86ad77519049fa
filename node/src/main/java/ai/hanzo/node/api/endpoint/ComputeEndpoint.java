package ai.hanzo.node.api.endpoint;

import ai.hanzo.node.api.access.OrgScope;
import ai.hanzo.node.api.mapping.DeployRequestMapper;
import ai.hanzo.node.api.v1.DrainPhase;
import ai.hanzo.node.api.v1.DrainRequest;
import ai.hanzo.node.api.v1.SchedulingStatus;
import ai.hanzo.node.compute.SchedulingControl;
import java.time.Duration;
import ai.hanzo.node.api.v1.ContainerInfo;
import ai.hanzo.node.api.v1.DeploymentStatus;
import ai.hanzo.node.api.v1.GetDeploymentRequest;
import ai.hanzo.node.api.v1.ListDeploymentsResponse;
import ai.hanzo.node.api.v1.DeployRequest;
import ai.hanzo.node.api.v1.DeployResponse;
import ai.hanzo.node.api.v1.InspectContainerRequest;
import ai.hanzo.node.api.v1.ListContainersRequest;
import ai.hanzo.node.api.v1.ListContainersResponse;
import ai.hanzo.node.api.v1.RemoveRequest;
import ai.hanzo.node.api.v1.RemoveResponse;
import ai.hanzo.node.api.v1.ScaleRequest;
import ai.hanzo.node.api.v1.ScaleResponse;
import ai.hanzo.node.api.v1.StopRequest;
import ai.hanzo.node.api.v1.StopResponse;
import ai.hanzo.node.compute.ComputeEngine;
import ai.hanzo.node.compute.DeploymentRequest;
import ai.hanzo.node.compute.DeploymentSummary;
import ai.hanzo.node.compute.Tenant;
import ai.hanzo.node.compute.DesiredDeployment;
import ai.hanzo.node.compute.ContainerService.ContainerSummary;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.p2p.placement.DeployCall;
import ai.hanzo.node.error.NodeException;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The deployment and container RPCs. They need the compute engine; a node without one answers UNIMPLEMENTED
 * rather than pretending. Engine calls may block, so transports call these off the event loop.
 */
public final class ComputeEndpoint {
  public static final String NO_ENGINE = "the compute engine is not available on this node yet";
  static final int DEFAULT_DRAIN_SECONDS = 300;
  public static final int MAX_DRAIN_SECONDS = 86_400;

  private final Optional<ComputeEngine> engine;
  private final Optional<DeploymentPlacer> placer;
  private final AllocationsEndpoint allocations;

  public ComputeEndpoint(Optional<ComputeEngine> engine) {
    this(engine, Optional.empty());
  }

  /** @param placer places deployments with a placement block on other nodes; empty: such a Deploy is refused */
  public ComputeEndpoint(Optional<ComputeEngine> engine, Optional<DeploymentPlacer> placer) {
    this(engine, placer, AllocationsEndpoint.none());
  }

  /** @param allocations the allocations made through this node, which a Deploy may name */
  public ComputeEndpoint(Optional<ComputeEngine> engine, Optional<DeploymentPlacer> placer,
      AllocationsEndpoint allocations) {
    this.engine = engine;
    this.placer = placer;
    this.allocations = allocations;
  }

  /** Allocate, GetAllocation, ListAllocations, ReleaseAllocation. */
  public AllocationsEndpoint allocations() {
    return allocations;
  }

  private ComputeEngine engine() {
    return engine.orElseThrow(() -> new NodeException(ErrorCode.UNIMPLEMENTED, NO_ENGINE));
  }

  /** Validates first, so a malformed request is INVALID_ARGUMENT even on a node without an engine. */
  public DeployResponse deploy(DeployRequest r) {
    if (r.hasPlacement() && !r.getPlacement().getAllocationId().isEmpty()) {
      if (r.getPlacement().getAnywhere()) {
        throw NodeException.invalidField("placement.allocation_id", "names where the deployment runs; leave"
            + " anywhere unset");
      }
      return allocations.deployInto(this, r);
    }
    if (r.hasPlacement() && r.getPlacement().getAnywhere()) {
      return placer.orElseThrow(() -> new NodeException(ErrorCode.UNIMPLEMENTED,
          "this node does not place deployments on other nodes (it runs without the p2p network)"))
          .place(this, r);
    }
    DeployResponse here = deployAs(OrgScope.current(), r.toBuilder().clearPlacement().build());
    return placer.map(p -> here.toBuilder().setNodeId(p.nodeId()).build()).orElse(here);
  }

  /**
   * Deploys {@code r} on this node for {@code tenant}: a local caller's, or the original caller's of a deployment
   * another node placed here.
   */
  public DeployResponse deployAs(Tenant tenant, DeployRequest r) {
    if (r.getOptions().getLabelsMap().containsKey(DeploymentRequest.ORG_LABEL)) {
      throw NodeException.invalidField("options.labels", "'" + DeploymentRequest.ORG_LABEL
          + "' is reserved: the node sets it to the deploying caller's org");
    }
    DeploymentRequest request = DeployRequestMapper.map(r);
    var result = engine().deployments().deploy(tenant, request);
    return DeployResponse.newBuilder().setSuccess(true).setDeploymentId(result.deploymentId())
        .setMessage(result.message()).addAllEndpoints(result.endpoints()).build();
  }

  /**
   * Deploys {@code r} on this node into the allocation {@code allocationId} held here, for {@code tenant}: the
   * deployment uses the hold (refused when it expired, is another org's or is smaller than what {@code r} asks).
   */
  public DeployResponse deployIntoAs(Tenant tenant, DeployRequest r, String allocationId) {
    if (r.getOptions().getLabelsMap().containsKey(DeploymentRequest.ORG_LABEL)) {
      throw NodeException.invalidField("options.labels", "'" + DeploymentRequest.ORG_LABEL
          + "' is reserved: the node sets it to the deploying caller's org");
    }
    DeploymentRequest request = DeployRequestMapper.map(r.toBuilder().clearPlacement().build());
    var result = engine().deployments().deployInto(tenant, request, allocationId);
    return DeployResponse.newBuilder().setSuccess(true).setDeploymentId(result.deploymentId())
        .setMessage(result.message()).addAllEndpoints(result.endpoints()).build();
  }

  /** A deployment this node placed on another node is stopped there (forwarded, as its caller asked it here). */
  public StopResponse stop(StopRequest r) {
    Tenant tenant = OrgScope.current();
    return elsewhere(tenant, r.getDeploymentId()).flatMap(p -> p.forward(tenant, r.getDeploymentId(),
        DeployCall.Manage.Kind.STOP, r, StopResponse.parser())).orElseGet(() -> stopAs(tenant, r));
  }

  public StopResponse stopAs(Tenant tenant, StopRequest r) {
    ComputeEngine e = engine();
    e.deployments().stop(tenant, requireId(r.getDeploymentId(), "deployment_id"), r.getForce());
    return StopResponse.newBuilder().setSuccess(true).setMessage("stopping " + r.getDeploymentId()).build();
  }

  /** A deployment this node placed on another node is removed there, and no longer listed or leased here. */
  public RemoveResponse remove(RemoveRequest r) {
    Tenant tenant = OrgScope.current();
    return elsewhere(tenant, r.getDeploymentId()).flatMap(p -> p.forward(tenant, r.getDeploymentId(),
        DeployCall.Manage.Kind.REMOVE, r, RemoveResponse.parser())).orElseGet(() -> removeAs(tenant, r));
  }

  public RemoveResponse removeAs(Tenant tenant, RemoveRequest r) {
    ComputeEngine e = engine();
    e.deployments().remove(tenant, requireId(r.getDeploymentId(), "deployment_id"), r.getRemoveVolumes());
    return RemoveResponse.newBuilder().setSuccess(true).setMessage("removed " + r.getDeploymentId()
        + "; its containers are being stopped and removed").build();
  }

  /** A deployment this node placed on another node is scaled there. */
  public ScaleResponse scale(ScaleRequest r) {
    Tenant tenant = OrgScope.current();
    return elsewhere(tenant, r.getDeploymentId()).flatMap(p -> p.forward(tenant, r.getDeploymentId(),
        DeployCall.Manage.Kind.SCALE, r, ScaleResponse.parser())).orElseGet(() -> scaleAs(tenant, r));
  }

  public ScaleResponse scaleAs(Tenant tenant, ScaleRequest r) {
    ComputeEngine e = engine();
    String id = requireId(r.getDeploymentId(), "deployment_id");
    String service = requireId(r.getServiceName(), "service_name");
    if (Integer.toUnsignedLong(r.getReplicas()) > DesiredDeployment.MAX_REPLICAS) {
      throw NodeException.invalidField("replicas", "must be at most " + DesiredDeployment.MAX_REPLICAS);
    }
    var result = e.deployments().scale(tenant, id, service, r.getReplicas());
    return ScaleResponse.newBuilder().setSuccess(true).setPreviousReplicas(result.previousReplicas())
        .setCurrentReplicas(result.currentReplicas())
        .setMessage(service + " scaled to " + result.currentReplicas()).build();
  }

  /** The placer, when {@code id} is no deployment of this node that {@code tenant} sees (it may be one placed). */
  private Optional<DeploymentPlacer> elsewhere(Tenant tenant, String id) {
    if (placer.isEmpty() || id.isEmpty() || engine().deployments().get(tenant, id).isPresent()) {
      return Optional.empty();
    }
    return placer;
  }

  /** This node's deployments, then those it placed on other nodes, each with the node it runs on. */
  public ListDeploymentsResponse listDeployments() {
    Tenant tenant = OrgScope.current();
    ListDeploymentsResponse.Builder b = ListDeploymentsResponse.newBuilder();
    for (DeploymentStatus s : StatusEndpoint.deployments(engine().deployments().list(tenant))) {
      b.addDeployments(placer.map(p -> s.toBuilder().setNodeId(p.nodeId()).build()).orElse(s));
    }
    placer.ifPresent(p -> b.addAllDeployments(p.placedElsewhere(tenant)));
    return b.build();
  }

  /** The ids of the deployments {@code tenant} sees; none on a node without an engine. */
  public Set<String> deploymentIds(Tenant tenant) {
    return engine.map(e -> e.deployments().list(tenant).stream().map(DeploymentSummary::deploymentId)
        .collect(Collectors.toSet())).orElse(Set.of());
  }

  /** A deployment of this node, or one it placed on another node (whose status that node answers). */
  public DeploymentStatus getDeployment(GetDeploymentRequest r) {
    ComputeEngine e = engine();
    String id = requireId(r.getDeploymentId(), "deployment_id");
    Tenant tenant = OrgScope.current();
    Optional<DeploymentStatus> here = e.deployments().get(tenant, id).map(StatusEndpoint::deployment);
    if (here.isPresent()) {
      return placer.map(p -> here.get().toBuilder().setNodeId(p.nodeId()).build()).orElse(here.get());
    }
    return placer.flatMap(p -> p.placedStatus(tenant, id))
        .orElseThrow(() -> NodeException.notFound("deployment", id));
  }

  /** A deployment of this node for {@code tenant}, as a placing node asks for it. */
  public Optional<DeploymentStatus> deploymentAs(Tenant tenant, String deploymentId) {
    return engine().deployments().get(tenant, deploymentId).map(StatusEndpoint::deployment);
  }

  public SchedulingStatus cordon() {
    SchedulingControl control = engine().scheduling();
    control.cordon();
    return scheduling(control.state(), 0, "cordoned: new deployments are refused, running ones keep running");
  }

  public SchedulingStatus drain(DrainRequest r) {
    int seconds = r.getDeadlineSeconds() == 0 ? DEFAULT_DRAIN_SECONDS : r.getDeadlineSeconds();
    if (seconds < 0 || seconds > MAX_DRAIN_SECONDS) {
      throw NodeException.invalidField("deadline_seconds", "must be at most " + MAX_DRAIN_SECONDS);
    }
    SchedulingControl control = engine().scheduling();
    SchedulingControl.DrainResult result = control.drain(Duration.ofSeconds(seconds));
    return scheduling(control.state(), result.stoppingDeployments(), result.alreadyDraining()
        ? "already drained or draining; uncordon first to drain again"
        : "draining: stopping " + result.stoppingDeployments() + " deployments within " + seconds + " s");
  }

  public SchedulingStatus uncordon() {
    SchedulingControl control = engine().scheduling();
    int restarted = control.uncordon();
    return scheduling(control.state(), restarted, "schedulable; " + restarted + " drained deployments start again");
  }

  public SchedulingStatus getScheduling() {
    return scheduling(engine().scheduling().state(), 0, "");
  }

  private static SchedulingStatus scheduling(SchedulingControl.SchedulingState state, int deployments,
      String message) {
    DrainPhase phase = switch (state.drain()) {
      case NONE -> DrainPhase.DRAIN_PHASE_NONE;
      case DRAINING -> DrainPhase.DRAIN_PHASE_DRAINING;
      case DRAINED -> DrainPhase.DRAIN_PHASE_DRAINED;
    };
    return SchedulingStatus.newBuilder().setCordoned(state.cordoned()).setDrain(phase).setDeployments(deployments)
        .setMessage(message).build();
  }

  public ListContainersResponse listContainers(ListContainersRequest r) {
    ComputeEngine e = engine();
    ListContainersResponse.Builder b = ListContainersResponse.newBuilder();
    e.containers().list(OrgScope.current(), r.getAll(), r.getFiltersMap())
        .forEach(c -> b.addContainers(container(c)));
    return b.build();
  }

  public ContainerInfo inspectContainer(InspectContainerRequest r) {
    ComputeEngine e = engine();
    String id = requireId(r.getContainerId(), "container_id");
    return container(e.containers().inspect(OrgScope.current(), id));
  }

  static ContainerInfo container(ContainerSummary c) {
    return ContainerInfo.newBuilder().setId(c.id()).setName(c.name()).setImage(c.image()).setStatus(c.status())
        .setState(c.state()).setCreated(c.createdEpochSeconds()).addAllPorts(c.ports()).putAllLabels(c.labels())
        .setReason(c.reason()).setMessage(c.message()).setRestartCount(c.restartCount())
        .setNextRetryMillis(c.nextRetryEpochMillis()).build();
  }

  static String requireId(String value, String field) {
    if (value.isEmpty()) {
      throw NodeException.invalidField(field, "is required");
    }
    return value;
  }
}
