package ai.hanzo.node.api.endpoint;

import ai.hanzo.node.api.access.CallerPrincipal;
import ai.hanzo.node.api.access.OrgScope;
import ai.hanzo.node.api.mapping.ErrorMapper;
import ai.hanzo.node.api.v1.AllocateRequest;
import ai.hanzo.node.api.v1.AllocatedNode;
import ai.hanzo.node.api.v1.Allocation;
import ai.hanzo.node.api.v1.AllocationResources;
import ai.hanzo.node.api.v1.DeployRequest;
import ai.hanzo.node.api.v1.DeployResponse;
import ai.hanzo.node.api.v1.GetAllocationRequest;
import ai.hanzo.node.api.v1.ListAllocationsRequest;
import ai.hanzo.node.api.v1.ListAllocationsResponse;
import ai.hanzo.node.api.v1.Placement;
import ai.hanzo.node.api.v1.ReleaseAllocationRequest;
import ai.hanzo.node.api.v1.ReleaseAllocationResponse;
import ai.hanzo.node.compute.CapacityHold;
import ai.hanzo.node.compute.CapacityHolding;
import ai.hanzo.node.compute.HoldRequest;
import ai.hanzo.node.compute.ResourceQuantities;
import ai.hanzo.node.compute.Tenant;
import ai.hanzo.node.api.mapping.DeployRequestMapper;
import ai.hanzo.node.config.PlacementConfig;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.iam.Principal;
import ai.hanzo.node.p2p.placement.AllocationPlan;
import ai.hanzo.node.p2p.placement.Candidate;
import ai.hanzo.node.p2p.placement.Demand;
import ai.hanzo.node.p2p.placement.DeployAnswer;
import ai.hanzo.node.p2p.placement.DeployCall;
import ai.hanzo.node.p2p.placement.Verdict;
import ai.hanzo.node.storage.AuditEntry;
import ai.hanzo.node.storage.AuditLog;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Allocate, GetAllocation, ListAllocations, ReleaseAllocation, and deploys into an allocation. This node chooses the
 * nodes ({@link AllocationPlan}, the same ranking and refusals as a placement), then asks each to hold the capacity:
 * itself directly, the others over {@code /hanzo/deploy/1.0.0} with the caller's subject and org, all at once; when
 * one refuses, the others' holds are released and the call fails naming it. The holds live on the chosen nodes; this
 * node remembers the allocation ({@link MadeAllocations}) for its caller's org. Blocking: called off the event loop.
 */
public final class AllocationsEndpoint {
  public static final Duration DEFAULT_TTL = Duration.ofMinutes(10);
  public static final Duration MIN_TTL = Duration.ofSeconds(10);
  public static final Duration MAX_TTL = Duration.ofHours(24);
  static final int MAX_REPLICAS = 1024;
  static final int MAX_GPUS = 64;
  /** An allocation id as nodes make them ({@code alloc-} and hex); checked before any lookup. */
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final Logger log = LoggerFactory.getLogger(AllocationsEndpoint.class);

  private final Optional<DeploymentPlacer> placer;
  private final PoolsEndpoint pools;
  private final Optional<CapacityHolding> holding;
  private final MadeAllocations made;
  private final AuditLog audit;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param placer the network view and deploy client; empty (no p2p): every call is UNAVAILABLE
   * @param holding this node's own holds (it may be one of the chosen nodes)
   */
  public AllocationsEndpoint(Optional<DeploymentPlacer> placer, PoolsEndpoint pools,
      Optional<CapacityHolding> holding, MadeAllocations made, AuditLog audit, Clock clock) {
    this.placer = placer;
    this.pools = pools;
    this.holding = holding;
    this.made = made;
    this.audit = audit;
    this.clock = clock;
  }

  /** A node without the network: every call is UNAVAILABLE. */
  public static AllocationsEndpoint none() {
    return new AllocationsEndpoint(Optional.empty(), PoolsEndpoint.none(), Optional.empty(), null, null,
        Clock.systemUTC());
  }

  public Allocation allocate(AllocateRequest r) {
    Tenant tenant = OrgScope.current();
    String org = tenant.org() == null ? "" : tenant.org();
    AllocationShape shape = AllocationShape.of(r);
    Map<String, String> selector = r.getPool().isEmpty() ? Map.of() : pools.pool(r.getPool()).selector();
    DeploymentPlacer p = requirePlacer();
    made.full(org).ifPresent(why -> {
      throw new NodeException(ErrorCode.RESOURCE_EXHAUSTED, why);
    });
    List<Candidate> candidates = p.candidates();
    AllocationPlan plan;
    try {
      plan = AllocationPlan.plan(p.ranking(), candidates, shape.demand(selector), shape.count(), selector);
    } catch (IllegalArgumentException e) {
      throw NodeException.invalidField("constraints", e.getMessage());
    }
    String subject = callerSubject();
    if (!plan.satisfied()) {
      record(subject, "", org, "FAILED", plan.refusal(), "allocation.create");
      throw unsatisfiable("the allocation cannot be met: " + plan.refusal(), plan.ranked());
    }
    String id = "alloc-" + HexFormat.of().formatHex(bytes(8));
    Instant expiresAt = clock.instant().plus(shape.ttl());
    List<AllocatedNode> held = holdOnEach(p, plan.chosen(), id, shape, org, subject);
    Allocation a = Allocation.newBuilder().setId(id).setPool(r.getPool()).setRegion(r.getRegion())
        .setCount(shape.count()).setResources(shape.resources()).addAllNodes(held)
        .setCreatedAt(clock.instant().toString()).setExpiresAt(expiresAt.toString()).setState("active").build();
    made.put(new MadeAllocations.Made(org, a));
    record(subject, id, org, "OK", "held on " + held.stream().map(AllocatedNode::getNodeId).toList(),
        "allocation.create");
    log.info("Allocation {} held on {} until {}", id, held.stream().map(AllocatedNode::getNodeId).toList(),
        expiresAt);
    return a;
  }

  public Allocation get(GetAllocationRequest r) {
    return withState(require(OrgScope.current(), r.getId()).allocation());
  }

  public ListAllocationsResponse list(ListAllocationsRequest r) {
    requirePlacer();
    Tenant tenant = OrgScope.current();
    return ListAllocationsResponse.newBuilder().addAllAllocations(made.all().stream()
        .filter(m -> tenant.sees(m.ownerOrg())).map(m -> withState(m.allocation())).toList()).build();
  }

  /** Gives every node's hold back (one that expired meanwhile has nothing to give) and forgets the allocation. */
  public ReleaseAllocationResponse release(ReleaseAllocationRequest r) {
    MadeAllocations.Made m = require(OrgScope.current(), r.getId());
    Allocation a = m.allocation();
    List<String> failures = releaseOn(a.getNodesList(), a.getId(), m.org(), callerSubject());
    made.remove(a.getId());
    record(callerSubject(), a.getId(), m.org(), failures.isEmpty() ? "OK" : "FAILED",
        failures.isEmpty() ? "released" : "released; not reached: " + failures, "allocation.release");
    return ReleaseAllocationResponse.newBuilder().setAllocation(withState(a).toBuilder().setState("released"))
        .setMessage(failures.isEmpty() ? "released on every node"
            : "released; these nodes could not be reached and release it when it expires: "
                + String.join(" | ", failures)).build();
  }

  /**
   * Deploys {@code r} into its placement's allocation: on the first node whose hold is still unused (here, or sent
   * there with the allocation id), which admits it against the hold. The allocation shows the node used by it.
   */
  DeployResponse deployInto(ComputeEndpoint compute, DeployRequest r) {
    Tenant tenant = OrgScope.current();
    String id = r.getPlacement().getAllocationId();
    MadeAllocations.Made m = require(tenant, id);
    Allocation a = m.allocation();
    if (!clock.instant().isBefore(Instant.parse(a.getExpiresAt()))) {
      throw new NodeException(ErrorCode.FAILED_PRECONDITION, "allocation '" + id + "' expired at "
          + a.getExpiresAt());
    }
    int index = -1;
    for (int i = 0; i < a.getNodesCount(); i++) {
      if (a.getNodes(i).getUsedBy().isEmpty()) {
        index = i;
        break;
      }
    }
    if (index < 0) {
      throw new NodeException(ErrorCode.FAILED_PRECONDITION, "allocation '" + id + "' is used on every node");
    }
    AllocatedNode node = a.getNodes(index);
    DeploymentPlacer p = requirePlacer();
    DeployRequest toSend = r.toBuilder().clearPlacement().build();
    DeployResponse response;
    if (node.getPeerId().equals(p.selfPeerId())) {
      response = compute.deployIntoAs(tenant, toSend, id).toBuilder().setNodeId(node.getNodeId()).build();
    } else {
      if (toSend.getDeploymentId().isEmpty()) {
        toSend = toSend.toBuilder().setDeploymentId(DeployRequestMapper.map(toSend)
            .deploymentId()).build();
      }
      p.placed().requireRoom(toSend.getDeploymentId());
      DeployAnswer answer = DeploymentPlacer.awaitAnswer(p.requireDeployClient().call(node.getPeerId(), p.addressesOf(node.getPeerId()),
          new DeployCall.Deploy(toSend.toByteArray(), callerSubject(), m.org(), 0, id)));
      if (answer instanceof DeployAnswer.Refused refused) {
        throw new NodeException(refused.code(), "node " + node.getNodeId() + " refused the deployment into"
            + " allocation '" + id + "': " + refused.message(), Map.of("node_id", node.getNodeId()));
      }
      if (!(answer instanceof DeployAnswer.Accepted accepted)) {
        throw new NodeException(ErrorCode.UNAVAILABLE, "node " + node.getNodeId() + " answered something else");
      }
      p.placed().put(new PlacedDeployments.Placed(accepted.deploymentId(), accepted.nodeId(), node.getPeerId(),
          m.org()));
      response = DeployResponse.newBuilder().setSuccess(true).setDeploymentId(accepted.deploymentId())
          .setMessage("deployed into allocation " + id + " on node " + accepted.nodeId() + ": "
              + accepted.message()).addAllEndpoints(accepted.endpoints()).setNodeId(accepted.nodeId()).build();
    }
    Allocation used = a.toBuilder().setNodes(index, node.toBuilder().setUsedBy(response.getDeploymentId())).build();
    made.put(new MadeAllocations.Made(m.org(), used));
    return response;
  }

  /** Forgets the allocations expired by now (their nodes release their holds themselves); audited. */
  public List<String> sweep() {
    if (made == null) {
      return List.of();
    }
    Instant now = clock.instant();
    List<String> gone = new ArrayList<>();
    for (MadeAllocations.Made m : made.all()) {
      if (!now.isBefore(Instant.parse(m.allocation().getExpiresAt()))) {
        made.remove(m.allocation().getId());
        record("", m.allocation().getId(), m.org(), "OK", "expired at " + m.allocation().getExpiresAt(),
            "allocation.expire");
        gone.add(m.allocation().getId());
      }
    }
    return gone;
  }

  /** Holds on every chosen node at once; when one refuses, releases those that held and fails naming it. */
  private List<AllocatedNode> holdOnEach(DeploymentPlacer p, List<Verdict> chosen, String id, AllocationShape shape,
      String org, String subject) {
    List<CompletableFuture<DeployAnswer>> asked = new ArrayList<>();
    for (Verdict v : chosen) {
      Candidate c = v.candidate();
      if (c.local()) {
        asked.add(holdHere(c, id, shape, org));
      } else {
        asked.add(p.requireDeployClient().call(c.peerId(), c.addresses(), new DeployCall.Reserve(id,
            shape.nanoCpus(), shape.memoryBytes(), shape.replicas(), shape.gpus(), shape.ttl(), subject, org)));
      }
    }
    List<AllocatedNode> held = new ArrayList<>();
    List<String> refusals = new ArrayList<>();
    boolean exhausted = true;
    ErrorCode firstCode = null;
    for (int i = 0; i < chosen.size(); i++) {
      Candidate c = chosen.get(i).candidate();
      try {
        DeployAnswer answer = DeploymentPlacer.awaitAnswer(asked.get(i));
        if (answer instanceof DeployAnswer.Held h) {
          held.add(AllocatedNode.newBuilder().setNodeId(h.nodeId()).setPeerId(c.peerId()).addAllGpus(h.gpus())
              .build());
          continue;
        }
        ErrorCode code = answer instanceof DeployAnswer.Refused r ? r.code() : ErrorCode.UNAVAILABLE;
        String why = answer instanceof DeployAnswer.Refused r ? r.message() : "answered something else";
        refusals.add(c.nodeId() + ": refused (" + code + "): " + why);
        exhausted &= code == ErrorCode.RESOURCE_EXHAUSTED;
        firstCode = firstCode == null ? code : firstCode;
      } catch (NodeException e) {
        refusals.add(c.nodeId() + ": " + e.getMessage());
        exhausted = false;
        firstCode = firstCode == null ? e.code() : firstCode;
      }
    }
    if (refusals.isEmpty()) {
      return held;
    }
    releaseOn(held, id, org, subject);
    String why = "the allocation could not be held on every chosen node (the others were released): "
        + String.join(" | ", refusals);
    record(subject, id, org, firstCode == ErrorCode.PERMISSION_DENIED ? "DENIED" : "FAILED", why,
        "allocation.create");
    if (exhausted) {
      throw new NodeException(ErrorCode.RESOURCE_EXHAUSTED, why, Map.of(ErrorMapper.UNSATISFIABLE, "true"));
    }
    throw new NodeException(firstCode, why);
  }

  private CompletableFuture<DeployAnswer> holdHere(Candidate c, String id, AllocationShape shape, String org) {
    CapacityHolding here = holding.orElseThrow(() -> new NodeException(ErrorCode.UNAVAILABLE,
        "this node has no compute engine to hold capacity with"));
    try {
      CapacityHold h = here.hold(new HoldRequest(id, org, c.peerId(), shape.nanoCpus(), shape.memoryBytes(),
          shape.replicas(), shape.gpus(), clock.instant().plus(shape.ttl())));
      return CompletableFuture.completedFuture(new DeployAnswer.Held(c.nodeId(), h.id(), h.gpus(), h.expiresAt()));
    } catch (NodeException e) {
      return CompletableFuture.completedFuture(new DeployAnswer.Refused(e.code(), e.getMessage()));
    }
  }

  /** Releases the hold on each node; answers the nodes that could not be reached (or refused but NOT_FOUND). */
  private List<String> releaseOn(List<AllocatedNode> nodes, String id, String org, String subject) {
    List<String> failures = new ArrayList<>();
    DeploymentPlacer p = requirePlacer();
    Tenant tenant = Tenant.of(org.isEmpty() ? null : org);
    for (AllocatedNode n : nodes) {
      try {
        if (n.getPeerId().equals(p.selfPeerId())) {
          holding.ifPresent(h -> h.releaseHold(tenant, id, n.getPeerId()));
          continue;
        }
        DeployAnswer answer = DeploymentPlacer.awaitAnswer(p.requireDeployClient().call(n.getPeerId(), p.addressesOf(n.getPeerId()),
            new DeployCall.Unreserve(id, subject, org)));
        if (answer instanceof DeployAnswer.Refused r && r.code() != ErrorCode.NOT_FOUND) {
          failures.add(n.getNodeId() + ": " + r.code() + ": " + r.message());
        }
      } catch (NodeException e) {
        if (e.code() != ErrorCode.NOT_FOUND) {
          failures.add(n.getNodeId() + ": " + e.getMessage());
        }
      }
    }
    return failures;
  }

  private Allocation withState(Allocation a) {
    boolean expired = !clock.instant().isBefore(Instant.parse(a.getExpiresAt()));
    boolean allUsed = a.getNodesList().stream().noneMatch(n -> n.getUsedBy().isEmpty());
    return a.toBuilder().setState(allUsed ? "used" : expired ? "expired" : "active").build();
  }

  /** The allocation of that id {@code tenant} sees: NOT_FOUND for another org's, as for an unknown one. */
  private MadeAllocations.Made require(Tenant tenant, String id) {
    requirePlacer();
    if (!ID.matcher(id).matches()) {
      throw NodeException.invalidField("id", "an allocation id is 1 to 63 of a-z 0-9 -");
    }
    return made.find(id).filter(m -> tenant.sees(m.ownerOrg()))
        .orElseThrow(() -> NodeException.notFound("allocation", id));
  }

  private DeploymentPlacer requirePlacer() {
    return placer.orElseThrow(() -> new NodeException(ErrorCode.UNAVAILABLE,
        "this node has no view of the network (p2p is not running)"));
  }

  private static NodeException unsatisfiable(String why, List<Verdict> ranked) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put(ErrorMapper.UNSATISFIABLE, "true");
    for (Verdict v : ranked) {
      if (!v.fits() && details.size() < DeploymentPlacer.MAX_CONSTRAINTS) {
        details.put("candidate." + v.candidate().nodeId(), v.refusal());
      }
    }
    return new NodeException(ErrorCode.RESOURCE_EXHAUSTED, why, details);
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private void record(String subject, String id, String org, String outcome, String detail, String action) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("caller_org", org);
    details.put("detail", detail.length() > 512 ? detail.substring(0, 512) : detail);
    audit.append(new AuditEntry(clock.instant(), subject.isEmpty() ? "anonymous" : subject, action, id, outcome,
        null, details));
  }

  private static String callerSubject() {
    return CallerPrincipal.current().map(Principal::subject).orElse("");
  }

  /** The request checked: per-node amounts, count and ttl with their defaults. */
  record AllocationShape(long nanoCpus, long memoryBytes, int replicas, int gpus, int count, Duration ttl,
      Map<String, String> constraints, Demand.Strategy strategy, AllocationResources resources) {
    static AllocationShape of(AllocateRequest r) {
      int count = r.getCount() == 0 ? 1 : r.getCount();
      if (count < 1 || count > AllocationPlan.MAX_NODES) {
        throw NodeException.invalidField("count", "must be 1 to " + AllocationPlan.MAX_NODES);
      }
      long ttlSeconds = r.getTtlSeconds() == 0 ? DEFAULT_TTL.toSeconds() : Integer.toUnsignedLong(r.getTtlSeconds());
      if (ttlSeconds < MIN_TTL.toSeconds() || ttlSeconds > MAX_TTL.toSeconds()) {
        throw NodeException.invalidField("ttl_seconds", "must be " + MIN_TTL.toSeconds() + " to "
            + MAX_TTL.toSeconds() + " (0: " + DEFAULT_TTL.toSeconds() + ")");
      }
      AllocationResources res = r.getResources();
      long cpus = res.getCpus().isEmpty() ? 0 : ResourceQuantities.nanoCpus(res.getCpus(), "resources.cpus");
      long memory = res.getMemory().isEmpty() ? 0
          : ResourceQuantities.memoryBytes(res.getMemory(), "resources.memory");
      int replicas = res.getReplicas() == 0 ? 1 : res.getReplicas();
      if (replicas < 1 || replicas > MAX_REPLICAS) {
        throw NodeException.invalidField("resources.replicas", "must be 1 to " + MAX_REPLICAS);
      }
      if (res.getGpus() < 0 || res.getGpus() > MAX_GPUS) {
        throw NodeException.invalidField("resources.gpus", "must be 0 to " + MAX_GPUS);
      }
      Placement asPlacement = Placement.newBuilder().setRegion(r.getRegion()).putAllConstraints(r.getConstraintsMap())
          .setStrategy(r.getStrategy()).build();
      Demand placed = DeploymentPlacer.demand(asPlacement);
      Map<String, String> constraints = new LinkedHashMap<>(placed.constraints());
      putWord(constraints, "gpu_model", res.getGpuModel(), "resources.gpu_model");
      putWord(constraints, "gpu_memory", res.getGpuMemory(), "resources.gpu_memory");
      if (!res.getGpuMemory().isEmpty()) {
        ResourceQuantities.memoryBytes(res.getGpuMemory(), "resources.gpu_memory");
      }
      AllocationResources normalized = res.toBuilder().setReplicas(replicas).build();
      return new AllocationShape(cpus, memory, replicas, res.getGpus(), count, Duration.ofSeconds(ttlSeconds),
          constraints, placed.strategy(), normalized);
    }

    private static void putWord(Map<String, String> constraints, String key, String value, String field) {
      if (value.isEmpty()) {
        return;
      }
      if (!PlacementConfig.WORD.matcher(value).matches()) {
        throw NodeException.invalidField(field, "must be 1 to 63 of A-Z a-z 0-9 . _ / -");
      }
      String other = constraints.put(key, value);
      if (other != null && !other.equals(value)) {
        throw NodeException.invalidField(field, "is '" + value + "' but the " + key + " constraint says '" + other
            + "'");
      }
    }

    /** What each node must have, the pool's selector terms among the constraints (for the GPU terms). */
    Demand demand(Map<String, String> poolSelector) {
      Map<String, String> all = new LinkedHashMap<>(poolSelector);
      all.putAll(constraints);
      return new Demand(nanoCpus, memoryBytes, replicas, constraints, strategy)
          .withGpus(GpuDemands.of(gpus, all));
    }
  }
}
