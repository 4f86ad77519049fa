package ai.hanzo.node.api.endpoint;

import ai.hanzo.node.p2p.placement.DeployExecClient;
import ai.hanzo.node.p2p.placement.DeployExecProtocol;
import ai.hanzo.node.p2p.placement.DeployLogsProtocol;
import ai.hanzo.node.p2p.placement.ExecService;
import ai.hanzo.node.p2p.placement.ExecStart;
import ai.hanzo.node.p2p.placement.DeployProtocol;
import ai.hanzo.node.api.access.CallerPrincipal;
import ai.hanzo.node.api.access.OrgScope;
import ai.hanzo.node.api.mapping.DeployRequestMapper;
import ai.hanzo.node.api.mapping.ErrorMapper;
import ai.hanzo.node.api.v1.DeployRequest;
import ai.hanzo.node.api.v1.DeployResponse;
import ai.hanzo.node.api.v1.DeploymentStatus;
import ai.hanzo.node.api.v1.ExecInput;
import ai.hanzo.node.api.v1.ExecOutput;
import ai.hanzo.node.api.v1.ReplicaStatus;
import ai.hanzo.node.api.v1.GetLogsRequest;
import ai.hanzo.node.api.v1.LogEntry;
import ai.hanzo.node.api.v1.Placement;
import ai.hanzo.node.compute.DeploymentRequest;
import ai.hanzo.node.compute.Reservations;
import ai.hanzo.node.compute.Tenant;
import ai.hanzo.node.config.PlacementConfig;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.iam.Principal;
import ai.hanzo.node.p2p.P2pNode;
import ai.hanzo.node.p2p.PeerView;
import ai.hanzo.node.p2p.gossip.NetworkDirectory;
import ai.hanzo.node.p2p.placement.Candidate;
import ai.hanzo.node.p2p.placement.Demand;
import ai.hanzo.node.p2p.placement.DeployAnswer;
import ai.hanzo.node.p2p.placement.DeployCall;
import ai.hanzo.node.p2p.placement.DeployClient;
import ai.hanzo.node.p2p.placement.DeployLimits;
import ai.hanzo.node.p2p.placement.DeployLogsClient;
import ai.hanzo.node.p2p.placement.Lease;
import ai.hanzo.node.p2p.placement.LogsCall;
import ai.hanzo.node.p2p.placement.PlacementRanking;
import ai.hanzo.node.p2p.placement.Standing;
import ai.hanzo.node.p2p.placement.Verdict;
import ai.hanzo.node.storage.AuditEntry;
import ai.hanzo.node.storage.AuditLog;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploy with a placement block: ranks this node and every node whose heartbeat it heard
 * ({@link PlacementRanking}), deploys here when this node is the best, else sends the deployment to the best node
 * over {@code /hanzo/deploy/1.0.0} with the caller's subject and org, trying the next one when a target turns out
 * to be full or unreachable. Answers within {@link #DECISION_TIME}: when nothing fits, RESOURCE_EXHAUSTED naming
 * every candidate and why it was refused. Remembers where each deployment went ({@link PlacedDeployments}) so
 * listings and status reach it through this node. Blocking: called off the event loop.
 */
public final class DeploymentPlacer {
  /** The longest a Deploy with a placement block takes to place or to say why it cannot. */
  public static final Duration DECISION_TIME = Duration.ofSeconds(10);
  public static final int MAX_CONSTRAINTS = 16;
  /** Targets that fit but turn out full or unreachable before the placement gives up. */
  static final int MAX_ATTEMPTS = 3;
  private static final Logger log = LoggerFactory.getLogger(DeploymentPlacer.class);
  /** Targets that refuse for one of these would refuse the same call from any node: no other target is tried. */
  private static final Set<ErrorCode> FINAL = Set.of(ErrorCode.PERMISSION_DENIED, ErrorCode.INVALID_ARGUMENT,
      ErrorCode.ALREADY_EXISTS, ErrorCode.UNAUTHENTICATED);

  private final String nodeId;
  private final P2pNode p2p;
  private final Supplier<Candidate> self;
  private final PlacedDeployments placed;
  private final PlacementLeases leases;
  private final AuditLog audit;
  private final Clock clock;
  private final ContainerRoutes routes;
  private final Function<String, Standing> standing;
  private final boolean requireStake;

  /**
   * @param self this node as a candidate, read at each placement
   * @param audit where each placement on another node is recorded ({@code p2p:place}), next to the API's own
   *     record of the Deploy call
   */
  public DeploymentPlacer(String nodeId, P2pNode p2p, Supplier<Candidate> self, PlacedDeployments placed,
      PlacementLeases leases, AuditLog audit, Clock clock) {
    this(nodeId, p2p, self, placed, leases, audit, clock, peer -> Standing.UNKNOWN, false);
  }

  /**
   * As above, with what the node knows of each candidate's stake and QoS score.
   *
   * @param standing a peer's standing by PeerId, from caches only (called for every candidate of a placement)
   * @param requireStake {@code --require-stake}: other nodes without a staked operator are refused
   */
  public DeploymentPlacer(String nodeId, P2pNode p2p, Supplier<Candidate> self, PlacedDeployments placed,
      PlacementLeases leases, AuditLog audit, Clock clock, Function<String, Standing> standing,
      boolean requireStake) {
    this.standing = standing;
    this.requireStake = requireStake;
    this.nodeId = nodeId;
    this.leases = leases;
    this.p2p = p2p;
    this.self = self;
    this.placed = placed;
    this.audit = audit;
    this.clock = clock;
    this.routes = new ContainerRoutes(clock);
  }

  public String nodeId() {
    return nodeId;
  }

  DeployResponse place(ComputeEndpoint compute, DeployRequest r) {
    return place(compute, r, OrgScope.current(), callerSubject(), Set.of());
  }

  /**
   * Places {@code r} (with its placement block) on the best candidate other than {@code excludedNodeIds}: for an API
   * caller, or for this node itself when it places a deployment again after taking a lease away.
   */
  DeployResponse place(ComputeEndpoint compute, DeployRequest r, Tenant tenant, String subject,
      Set<String> excludedNodeIds) {
    Instant deadline = clock.instant().plus(DECISION_TIME);
    Demand demand = demand(r.getPlacement());
    DeploymentRequest mapped = DeployRequestMapper.map(r.toBuilder().clearPlacement().build());
    Reservations needs = Reservations.of(mapped);
    Demand wanted = new Demand(needs.nanoCpus(), needs.memoryBytes(), (int) Math.min(Integer.MAX_VALUE,
        needs.replicas()), demand.constraints(), demand.strategy())
        .withGpus(GpuDemands.of(Reservations.gpus(mapped), demand.constraints()));
    // The id is fixed here, so this node and the target name the deployment alike.
    DeployRequest toSend = r.toBuilder().clearPlacement().setDeploymentId(mapped.deploymentId()).build();
    DeployRequest toKeep = r.toBuilder().setDeploymentId(mapped.deploymentId()).build();
    placed.requireRoom(mapped.deploymentId());
    List<Candidate> candidates = candidates().stream().filter(c -> !excludedNodeIds.contains(c.nodeId())).toList();
    List<Verdict> ranked = new PlacementRanking(staleAfter(), requireStake).rank(candidates, wanted);
    List<String> failures = new ArrayList<>();
    int attempts = 0;
    for (Verdict v : ranked) {
      if (!v.fits() || attempts == MAX_ATTEMPTS || !clock.instant().plus(DeployLimits.ANSWER_TIMEOUT)
          .isBefore(deadline)) {
        break;
      }
      attempts++;
      Candidate c = v.candidate();
      if (c.local()) {
        log.info("Placing deployment {} here: this node is the best of {} candidates", mapped.deploymentId(),
            ranked.size());
        return compute.deployAs(tenant, toSend).toBuilder().setNodeId(nodeId).build();
      }
      Optional<DeployResponse> sent = send(c, toSend, toKeep, tenant, subject, failures);
      if (sent.isPresent()) {
        return sent.get();
      }
    }
    throw nothingFits(mapped.deploymentId(), ranked, failures);
  }

  /**
   * Sends the deployment to {@code c} under a new lease; on acceptance remembers where it runs and the lease, with
   * {@code toKeep} (the request with its placement block) to place it again with.
   *
   * @param subject who asked (audited): the API caller, or this node when it places a deployment again
   */
  private Optional<DeployResponse> send(Candidate c, DeployRequest request, DeployRequest toKeep, Tenant tenant,
      String subject, List<String> failures) {
    DeployClient client = deployClient().orElseThrow(() -> new NodeException(ErrorCode.UNAVAILABLE,
        "the p2p network has not started yet; retry shortly"));
    String org = tenant.org() == null ? "" : tenant.org();
    DeployAnswer answer;
    long epoch = leases.nextEpoch(request.getDeploymentId());
    try {
      answer = await(client.call(c.peerId(), c.addresses(), new DeployCall.Deploy(request.toByteArray(),
          subject, org, epoch)));
    } catch (NodeException e) {
      record(subject, request.getDeploymentId(), c, org, "FAILED", e.getMessage());
      failures.add(c.nodeId() + ": " + e.getMessage());
      log.info("Placing deployment {} on {} failed: {}", request.getDeploymentId(), c.nodeId(), e.getMessage());
      return Optional.empty();
    }
    if (answer instanceof DeployAnswer.Accepted a) {
      record(subject, a.deploymentId(), c, org, "OK", "placed on node " + a.nodeId() + " under lease " + epoch);
      placed.put(new PlacedDeployments.Placed(a.deploymentId(), a.nodeId(), c.peerId(), org));
      leases.grant(new Lease(a.deploymentId(), a.nodeId(), c.peerId(), org, epoch, clock.instant()),
          toKeep.toByteArray());
      log.info("Placed deployment {} on node {} (peer {})", a.deploymentId(), a.nodeId(), c.peerId());
      return Optional.of(DeployResponse.newBuilder().setSuccess(true).setDeploymentId(a.deploymentId())
          .setMessage("placed on node " + a.nodeId() + ": " + a.message()).addAllEndpoints(a.endpoints())
          .setNodeId(a.nodeId()).build());
    }
    if (answer instanceof DeployAnswer.Refused refused) {
      record(subject, request.getDeploymentId(), c, org,
          refused.code() == ErrorCode.PERMISSION_DENIED ? "DENIED" : "FAILED",
          refused.code() + ": " + refused.message());
      if (FINAL.contains(refused.code())) {
        throw new NodeException(refused.code(), "node " + c.nodeId() + " refused the deployment: "
            + refused.message(), Map.of("node_id", c.nodeId()));
      }
      failures.add(c.nodeId() + ": refused (" + refused.code() + "): " + refused.message());
      return Optional.empty();
    }
    failures.add(c.nodeId() + ": answered with a status instead of accepting");
    return Optional.empty();
  }

  /**
   * The deployments placed elsewhere that {@code tenant} sees, each with its status as its node tells it. Asked
   * {@link DeployLimits#MAX_PER_PEER} at a time, so the client's limit of calls in flight to one peer is never what
   * turns a status into "unknown".
   */
  List<DeploymentStatus> placedElsewhere(Tenant tenant) {
    List<PlacedDeployments.Placed> mine = placed.all().stream()
        .filter(p -> tenant.sees(p.org().isEmpty() ? null : p.org())).toList();
    List<DeploymentStatus> out = new ArrayList<>();
    for (int from = 0; from < mine.size(); from += DeployLimits.MAX_PER_PEER) {
      List<PlacedDeployments.Placed> wave = mine.subList(from, Math.min(mine.size(),
          from + DeployLimits.MAX_PER_PEER));
      List<CompletableFuture<DeploymentStatus>> asked = wave.stream().map(this::statusFuture).toList();
      for (int i = 0; i < wave.size(); i++) {
        out.add(orUnknown(wave.get(i), asked.get(i)));
      }
    }
    return out;
  }

  /**
   * Stops, removes or scales a deployment this node placed elsewhere, on its node, for {@code tenant}'s caller; empty
   * when this node placed no such deployment that {@code tenant} sees. A removed one is no longer listed or leased.
   */
  <T> Optional<T> forward(Tenant tenant, String deploymentId, DeployCall.Manage.Kind kind, Message request,
      Parser<T> parser) {
    Optional<PlacedDeployments.Placed> where = placed.find(deploymentId)
        .filter(p -> tenant.sees(p.org().isEmpty() ? null : p.org()));
    if (where.isEmpty()) {
      return Optional.empty();
    }
    PlacedDeployments.Placed p = where.get();
    DeployClient client = deployClient().orElseThrow(() -> new NodeException(ErrorCode.UNAVAILABLE,
        "the p2p network has not started yet; retry shortly"));
    DeployAnswer answer = await(client.call(p.peerId(), addressesOf(p.peerId()), new DeployCall.Manage(kind,
        deploymentId,
        request.toByteArray(), callerSubject(), p.org())));
    if (answer instanceof DeployAnswer.Refused r) {
      throw new NodeException(r.code(), "node " + p.nodeId() + ": " + r.message(), Map.of("node_id", p.nodeId()));
    }
    if (!(answer instanceof DeployAnswer.Managed m)) {
      throw new NodeException(ErrorCode.UNAVAILABLE, "node " + p.nodeId() + " answered something else");
    }
    T response;
    try {
      response = parser.parseFrom(m.response());
    } catch (InvalidProtocolBufferException e) {
      throw new NodeException(ErrorCode.UNAVAILABLE, "node " + p.nodeId() + " answered an unreadable response");
    }
    if (kind == DeployCall.Manage.Kind.REMOVE) {
      placed.remove(deploymentId);
      leases.endCurrent(deploymentId);
    }
    log.info("{} of deployment {} forwarded to node {}", kind, deploymentId, p.nodeId());
    return Optional.of(response);
  }

  /**
   * Streams the logs of a deployment this node placed elsewhere from its node, for {@code tenant}'s caller; empty
   * when this node placed no such deployment that {@code tenant} sees. The stream is audited here as
   * {@code p2p:forward} (and by the target as {@code p2p:deploy}, {@code call=logs}).
   */
  Optional<StreamHandle> forwardLogs(Tenant tenant, GetLogsRequest r, MessageSink<LogEntry> sink) {
    Optional<PlacedDeployments.Placed> where = placed.find(r.getDeploymentId())
        .filter(p -> tenant.sees(p.org().isEmpty() ? null : p.org()));
    if (where.isEmpty()) {
      return Optional.empty();
    }
    PlacedDeployments.Placed p = where.get();
    DeployLogsClient client = logsClient().orElseThrow(() -> new NodeException(ErrorCode.UNAVAILABLE,
        "the p2p network has not started yet; retry shortly"));
    String subject = callerSubject();
    Map<String, String> details = new LinkedHashMap<>();
    details.put("caller_org", p.org());
    details.put("target_node", p.nodeId());
    details.put("target_peer", p.peerId());
    details.put("call", "logs");
    audit.append(new AuditEntry(clock.instant(), subject.isEmpty() ? "anonymous" : subject, "p2p:forward",
        p.deploymentId(), "OK", null, details));
    RemoteLogs remote = new RemoteLogs(sink, p.nodeId());
    AutoCloseable stream = client.open(p.peerId(), addressesOf(p.peerId()), new LogsCall(r.toByteArray(), subject, p.org()), remote);
    log.info("Logs of deployment {} streamed from node {}", p.deploymentId(), p.nodeId());
    return Optional.of(new StreamHandle() {
      @Override
      public void onReady() {
        remote.ready();
      }

      @Override
      public void cancel() {
        try {
          stream.close();
        } catch (Exception e) {
          log.debug("Closing the log stream of {} failed: {}", p.deploymentId(), e.toString());
        }
      }
    });
  }

  /**
   * Runs a command in a container (by id or name) of a deployment this node placed elsewhere, on its node, for
   * {@code tenant}'s caller; empty when no deployment this node placed that {@code tenant} sees has that container
   * (its nodes are asked for their statuses, {@link DeployLimits#MAX_PER_PEER} at a time). Audited here as
   * {@code p2p:forward} with {@code call=exec} (and by the target as {@code p2p:deploy}).
   */
  Optional<ExecCall> forwardExec(Tenant tenant, ExecInput first, MessageSink<ExecOutput> sink) {
    Optional<PlacedDeployments.Placed> where = runningContainer(tenant, first.getContainerId());
    if (where.isEmpty()) {
      return Optional.empty();
    }
    PlacedDeployments.Placed p = where.get();
    DeployExecClient client = execClient().orElseThrow(() -> new NodeException(ErrorCode.UNAVAILABLE,
        "the p2p network has not started yet; retry shortly"));
    String subject = callerSubject();
    Map<String, String> details = new LinkedHashMap<>();
    details.put("caller_org", p.org());
    details.put("target_node", p.nodeId());
    details.put("target_peer", p.peerId());
    details.put("call", "exec");
    details.put("container", clip(first.getContainerId()));
    audit.append(new AuditEntry(clock.instant(), subject.isEmpty() ? "anonymous" : subject, "p2p:forward",
        p.deploymentId(), "OK", null, details));
    ExecOutputPump pump = new ExecOutputPump(sink);
    ExecService.Session session = client.open(p.peerId(), addressesOf(p.peerId()),
        new ExecStart(first.toByteArray(), subject, p.org()),
        forgetOnFailure(first.getContainerId(), RemoteExec.into(pump, p.nodeId())));
    log.info("Exec in container {} of deployment {} runs on node {}", first.getContainerId(), p.deploymentId(),
        p.nodeId());
    return Optional.of(new ExecCall(RemoteExec.driving(session), pump, first.getTty()));
  }

  /**
   * The placed deployment {@code tenant} sees whose node runs a container of that id or name: remembered for a
   * short while ({@link ContainerRoutes}) as long as the deployment is still placed on the same node, else asked of
   * the placed deployments' nodes.
   */
  private Optional<PlacedDeployments.Placed> runningContainer(Tenant tenant, String container) {
    Optional<PlacedDeployments.Placed> remembered = routes.find(container)
        .filter(p -> tenant.sees(p.org().isEmpty() ? null : p.org()))
        .filter(p -> placed.find(p.deploymentId()).filter(p::equals).isPresent());
    if (remembered.isPresent()) {
      return remembered;
    }
    routes.forget(container);
    Optional<PlacedDeployments.Placed> found = askPlacedNodes(tenant, container);
    found.ifPresent(p -> routes.remember(container, p));
    return found;
  }

  /** An exec that failed may have failed because the container moved or went: the next one asks again. */
  private ai.hanzo.node.p2p.placement.ExecSink forgetOnFailure(String container,
      ai.hanzo.node.p2p.placement.ExecSink sink) {
    return new ai.hanzo.node.p2p.placement.ExecSink() {
      @Override
      public boolean isReady() {
        return sink.isReady();
      }

      @Override
      public void whenReady(Runnable callback) {
        sink.whenReady(callback);
      }

      @Override
      public void next(byte[] output) {
        sink.next(output);
      }

      @Override
      public void complete() {
        sink.complete();
      }

      @Override
      public void fail(ErrorCode code, String message) {
        routes.forget(container);
        sink.fail(code, message);
      }
    };
  }

  private Optional<PlacedDeployments.Placed> askPlacedNodes(Tenant tenant, String container) {
    List<PlacedDeployments.Placed> mine = placed.all().stream()
        .filter(p -> tenant.sees(p.org().isEmpty() ? null : p.org())).toList();
    for (int from = 0; from < mine.size(); from += DeployLimits.MAX_PER_PEER) {
      List<PlacedDeployments.Placed> wave = mine.subList(from, Math.min(mine.size(),
          from + DeployLimits.MAX_PER_PEER));
      List<CompletableFuture<DeploymentStatus>> asked = wave.stream().map(this::statusFuture).toList();
      for (int i = 0; i < wave.size(); i++) {
        DeploymentStatus status;
        try {
          status = await(asked.get(i));
        } catch (NodeException e) {
          continue;
        }
        for (ReplicaStatus r : status.getReplicaStatusesList()) {
          if (!r.getContainerId().isEmpty() && (r.getContainerId().equals(container)
              || r.getName().equals(container))) {
            return Optional.of(wave.get(i));
          }
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Where {@code peerId} may be dialed when it is not connected: the addresses this node knows it at (its
   * connections and the peers it remembers), then those its latest heartbeat names, so a call to a target that
   * dropped its connection dials it again, and a placing node that restarted without a record of it still reaches it.
   */
  List<String> addressesOf(String peerId) {
    java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>();
    for (PeerView v : p2p.peers(true)) {
      if (v.peerId().equals(peerId)) {
        all.addAll(v.addresses());
        v.heartbeat().ifPresent(e -> all.addAll(e.announcement().p2pAddresses()));
      }
    }
    return List.copyOf(all);
  }

  /** A deployment this node placed elsewhere, as its node tells it; empty when it placed none of that id. */
  Optional<DeploymentStatus> placedStatus(Tenant tenant, String deploymentId) {
    return placed.find(deploymentId).filter(p -> tenant.sees(p.org().isEmpty() ? null : p.org()))
        .map(p -> orUnknown(p, statusFuture(p)));
  }

  private CompletableFuture<DeploymentStatus> statusFuture(PlacedDeployments.Placed p) {
    Optional<DeployClient> client = deployClient();
    if (client.isEmpty()) {
      return CompletableFuture.failedFuture(new NodeException(ErrorCode.UNAVAILABLE, "p2p not started"));
    }
    return client.get().call(p.peerId(), addressesOf(p.peerId()), new DeployCall.Status(p.deploymentId(),
        callerSubject(),
        p.org())).thenApply(answer -> {
          if (answer instanceof DeployAnswer.Status s) {
            try {
              return DeploymentStatus.parseFrom(s.status()).toBuilder().setNodeId(p.nodeId()).build();
            } catch (InvalidProtocolBufferException e) {
              throw new NodeException(ErrorCode.UNAVAILABLE, "unreadable status");
            }
          }
          if (answer instanceof DeployAnswer.Refused r) {
            throw new NodeException(r.code(), r.message());
          }
          throw new NodeException(ErrorCode.UNAVAILABLE, "answered with something other than a status");
        });
  }

  private DeploymentStatus orUnknown(PlacedDeployments.Placed p, CompletableFuture<DeploymentStatus> asked) {
    try {
      return await(asked);
    } catch (NodeException e) {
      return DeploymentStatus.newBuilder().setDeploymentId(p.deploymentId()).setNodeId(p.nodeId())
          .setStatus("unknown: " + e.getMessage()).build();
    }
  }

  private static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(DeployLimits.ANSWER_TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof NodeException ne) {
        throw ne;
      }
      if (cause instanceof TimeoutException) {
        throw new NodeException(ErrorCode.UNAVAILABLE, "no answer within " + DeployLimits.ANSWER_TIMEOUT.toSeconds()
            + " s");
      }
      throw new NodeException(ErrorCode.UNAVAILABLE, String.valueOf(cause.getMessage()));
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new NodeException(ErrorCode.UNAVAILABLE, "no answer within " + DeployLimits.ANSWER_TIMEOUT.toSeconds()
          + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NodeException(ErrorCode.UNAVAILABLE, "interrupted while waiting for the target");
    }
  }

  NodeException nothingFits(String deploymentId, List<Verdict> ranked, List<String> failures) {
    StringBuilder why = new StringBuilder("no node can run deployment '" + deploymentId + "'; "
        + ranked.size() + " candidates: ");
    Map<String, String> details = new LinkedHashMap<>();
    details.put(ErrorMapper.UNSATISFIABLE, "true");
    List<String> each = new ArrayList<>();
    for (Verdict v : ranked) {
      if (!v.fits()) {
        each.add(v.describe());
        if (details.size() < MAX_CONSTRAINTS) {
          details.put("candidate." + v.candidate().nodeId(), v.refusal());
        }
      }
    }
    each.addAll(failures);
    why.append(String.join(" | ", each));
    return new NodeException(ErrorCode.RESOURCE_EXHAUSTED, why.toString(), details);
  }

  /** The ranking placements use, stake rule included: allocations choose their nodes with it too. */
  PlacementRanking ranking() {
    return new PlacementRanking(staleAfter(), requireStake);
  }

  /** Heartbeats more than three intervals old are stale: the node missed at least two. */
  Duration staleAfter() {
    return p2p.heartbeatInterval().multipliedBy(3);
  }

  List<Candidate> candidates() {
    List<Candidate> all = new ArrayList<>();
    Candidate me = self.get();
    all.add(me);
    Instant now = clock.instant();
    for (PeerView peer : p2p.peers(false)) {
      if (peer.heartbeat().isEmpty() || peer.peerId().equals(me.peerId())) {
        continue;
      }
      NetworkDirectory.Entry e = peer.heartbeat().get();
      var a = e.announcement();
      List<String> dialable = new ArrayList<>(peer.addresses());
      a.p2pAddresses().stream().filter(x -> !dialable.contains(x)).forEach(dialable::add);
      all.add(new Candidate(a.nodeId(), a.peerId(), dialable, false, a.state(), a.capabilities().runtimes(),
          a.placement(), Duration.between(e.receivedAt(), now).isNegative() ? Duration.ZERO
              : Duration.between(e.receivedAt(), now), standing.apply(a.peerId())));
    }
    return all;
  }

  private void record(String subject, String deploymentId, Candidate target, String org, String outcome,
      String detail) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("caller_org", org);
    details.put("target_node", target.nodeId());
    details.put("target_peer", target.peerId());
    details.put("detail", detail.length() > 512 ? detail.substring(0, 512) : detail);
    audit.append(new AuditEntry(clock.instant(), subject.isEmpty() ? "anonymous" : subject, "p2p:place",
        deploymentId, outcome, null, details));
  }

  private static String callerSubject() {
    return CallerPrincipal.current().map(Principal::subject).orElse("");
  }

  /** The placement block checked: region and constraints as words, at most {@link #MAX_CONSTRAINTS}. */
  static Demand demand(Placement p) {
    Map<String, String> constraints = new LinkedHashMap<>();
    if (p.getConstraintsCount() > MAX_CONSTRAINTS) {
      throw NodeException.invalidField("placement.constraints", "at most " + MAX_CONSTRAINTS + " constraints");
    }
    p.getConstraintsMap().forEach((k, v) -> {
      if (!PlacementConfig.WORD.matcher(k).matches() || !PlacementConfig.WORD.matcher(v).matches()) {
        throw NodeException.invalidField("placement.constraints", "'" + clip(k) + "=" + clip(v)
            + "': keys and values must be 1 to 63 of A-Z a-z 0-9 . _ / -");
      }
      constraints.put(k, v);
    });
    if (!p.getRegion().isEmpty()) {
      if (!PlacementConfig.WORD.matcher(p.getRegion()).matches()) {
        throw NodeException.invalidField("placement.region", "must be 1 to 63 of A-Z a-z 0-9 . _ / -");
      }
      String other = constraints.put("region", p.getRegion());
      if (other != null && !other.equals(p.getRegion())) {
        throw NodeException.invalidField("placement.region", "is '" + p.getRegion()
            + "' but the region constraint says '" + other + "'");
      }
    }
    Demand.Strategy strategy = switch (p.getStrategy()) {
      case PLACEMENT_STRATEGY_UNSPECIFIED, PLACEMENT_STRATEGY_BINPACK -> Demand.Strategy.BINPACK;
      case PLACEMENT_STRATEGY_SPREAD -> Demand.Strategy.SPREAD;
      case UNRECOGNIZED -> throw NodeException.invalidField("placement.strategy", "unknown strategy "
          + p.getStrategyValue());
    };
    return new Demand(0, 0, 0, constraints, strategy);
  }

  private static String clip(String s) {
    return s.length() <= 64 ? s : s.substring(0, 64) + "…";
  }

  /** The client of {@code /hanzo/deploy/1.0.0}; UNAVAILABLE before the node started it. */
  DeployClient requireDeployClient() {
    return deployClient().orElseThrow(() -> new NodeException(ErrorCode.UNAVAILABLE,
        "the p2p network has not started yet; retry shortly"));
  }

  /** This node's PeerId, as its candidate says it. */
  String selfPeerId() {
    return self.get().peerId();
  }

  /** Where deployments placed elsewhere are remembered, for listings and status through this node. */
  PlacedDeployments placed() {
    return placed;
  }

  /** Waits for a call to a target as placements do: UNAVAILABLE after the answer timeout. */
  static <T> T awaitAnswer(CompletableFuture<T> future) {
    return await(future);
  }

  /** The client of {@code /hanzo/deploy/1.0.0}; empty before the node started it. */
  private Optional<DeployClient> deployClient() {
    return p2p.protocols().find(DeployProtocol.class).map(DeployProtocol::client);
  }

  /** The client of {@code /hanzo/deploy-exec/1.0.0}; empty before the node started it. */
  private Optional<DeployExecClient> execClient() {
    return p2p.protocols().find(DeployExecProtocol.class).map(DeployExecProtocol::client);
  }

  /** The client of {@code /hanzo/deploy-logs/1.0.0}; empty before the node started it. */
  private Optional<DeployLogsClient> logsClient() {
    return p2p.protocols().find(DeployLogsProtocol.class).map(DeployLogsProtocol::client);
  }
}
