package ai.hanzo.node.compute;

import ai.hanzo.node.compute.DeploymentRequest.ServiceDefinition;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.events.EventBus;
import ai.hanzo.node.runtime.ContainerRuntime;
import ai.hanzo.node.runtime.ContainerRuntimeException;
import ai.hanzo.node.runtime.ContainerState;
import ai.hanzo.node.storage.ConfigStore;
import ai.hanzo.node.storage.DeploymentStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The compute engine: keeps deployments at their desired state on one {@link ContainerRuntime}. Every change is
 * stored (synced) before the call returns, then the reconcile loop converges the containers. A Deploy with an
 * existing id and the same spec is a no-op success (it also starts a stopped deployment again); with a different
 * spec it is a rolling update (see {@link Reconciler}): one replica at a time, each waiting for the last to be ready,
 * with the replica counts of the new spec.
 *
 * <p>Calls only store the change (under the {@link ChangeLock}, which is never held for container work), show it
 * on the {@link StatusBoard} and preempt the deployment's {@link DeploymentWorker}; the worker converges the
 * containers. So Stop and Remove answer at once, whatever the deployment's worker was doing (a rollout of a
 * thousand replicas, a runtime call that hangs), and stop its rollout within one container action; the containers
 * are stopped or removed right after (status {@code stopping} meanwhile). The periodic loop only lists the desired
 * state, observes the runtime once, publishes the status board and triggers every worker, including the workers
 * of orphans (containers of this node no deployment owns), which remove them. Every call checks, under the change
 * lock and in the same step as its change, that its {@link Tenant} may act on the deployment ({@link Ownership}).
 */
public final class Orchestrator implements DeploymentService, SchedulingControl, CapacityHolding, AutoCloseable {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");

  private final ContainerRuntime runtime;
  private final DesiredStateStore desired;
  private final NodeCapacity capacity;
  private final Reconciler reconciler;
  private final ReplicaSpecs specs;
  private final VolumeOwners volumeOwners;
  private final ComputeEvents events;
  private final ReconcileLoop loop;
  private final DeploymentLogs logs;
  private final ContainerQueries containers;
  private final HealthProbes probes;
  private final Admission admission;
  private final GpuInventory gpus;
  private final NodeScheduling scheduling;
  private final String nodeId;
  private final Duration stopGrace;
  private final ChangeLock changes = new ChangeLock();
  private final DeploymentWorkers workers;
  private final StatusBoard board = new StatusBoard(this::summarize);
  private final SchedulingActions schedulingActions;
  private final CapacityHolds holds;
  private final Clock clock;
  private volatile int activeContainers;

  /** {@code config} keeps what the engine must remember across restarts besides the deployments. */
  public Orchestrator(ContainerRuntime runtime, DeploymentStore store, ConfigStore config,
      EventBus bus, String nodeId, ComputeSettings settings, Clock clock, RandomGenerator random) {
    this.runtime = runtime;
    this.scheduling = new NodeScheduling(config);
    this.nodeId = nodeId;
    this.stopGrace = settings.stopGrace();
    this.desired = new DesiredStateStore(store, clock);
    this.events = new ComputeEvents(bus, clock, desired::get);
    this.specs = new ReplicaSpecs(settings.volumesDir());
    this.volumeOwners = new VolumeOwners(specs::volumeDir);
    this.reconciler = new Reconciler(runtime, specs, events, RestartBackoff.defaults(random),
        new StoppedByNode(config), nodeId,
        settings.stopGrace(), clock);
    this.loop = new ReconcileLoop(this::periodic, settings.reconcileInterval());
    this.workers = new DeploymentWorkers(this::pass);
    this.logs = new DeploymentLogs(runtime, this::containersOf);
    this.containers = new ContainerQueries(runtime, nodeId, desired::get, reconciler);
    this.probes = new HealthProbes(runtime, events, clock, this::restartUnhealthy);
    this.admission = new Admission(settings.capacity(), settings.gpus());
    this.gpus = settings.gpus();
    this.capacity = settings.capacity();
    this.holds = new CapacityHolds(config);
    this.clock = clock;
    this.schedulingActions = new SchedulingActions(changes, scheduling, desired, reconciler, events, nodeId,
        settings.stopGrace(), clock, this::startAgain, this::stopped);
  }

  /**
   * Calls {@code listener} with the id of each container just before the runtime removes it (stopped by then), on
   * the reconciling thread: the compute meter reads its last counters there. Call before {@link #start()}.
   */
  public void beforeRemove(Consumer<String> listener) {
    reconciler.beforeRemove(listener);
  }

  /** The faces of the engine, for the API. */
  public ComputeEngine engine() {
    return new ComputeEngine(this, containers, this, ComputeEngine.noImages(runtime.name()));
  }

  /** Re-adopts what runs, restarts what died, removes orphans; then keeps reconciling until {@link #close()}. */
  public void start() {
    loop.start();
  }

  @Override
  public void close() {
    loop.close();
    workers.close();
    probes.close();
  }

  /**
   * What this node's capacity leaves unreserved next to its running deployments and the allocations it holds
   * (reads RocksDB): what its heartbeat tells placing nodes.
   */
  public Reservations unreserved() {
    return changes.change(() -> NodeHolds.free(capacity, desired.list(), held(null)));
  }

  /** This node's GPUs that no running deployment's replica and no allocation holds (reads RocksDB). */
  public int freeGpus() {
    return changes.change(() -> NodeHolds.freeGpus(gpus.gpus(), desired.list(), held(null)).size());
  }

  /**
   * Keeps capacity for an allocation ({@link CapacityHold}) if it is free now, with concrete GPUs; the same request
   * again (same id, org and peer) answers the hold already made.
   *
   * @throws NodeException RESOURCE_EXHAUSTED when it does not fit or too many holds exist, ALREADY_EXISTS when
   *     the id is another's, FAILED_PRECONDITION when cordoned, INVALID_ARGUMENT for a bad request
   */
  @Override
  public CapacityHold hold(HoldRequest r) {
    return changes.change(() -> {
      Instant now = clock.instant();
      holds.expire(now);
      Optional<CapacityHold> existing = holds.find(r.id());
      if (existing.isPresent()) {
        CapacityHold h = existing.get();
        if (h.org().equals(r.org()) && h.placerPeerId().equals(r.placerPeerId())) {
          return h;
        }
        throw new NodeException(ErrorCode.ALREADY_EXISTS, "allocation '" + r.id() + "' already exists on node "
            + nodeId);
      }
      requireSchedulable("take allocations");
      CapacityHold made = NodeHolds.make(r, now, holds.all(), capacity, desired.list(), gpus.gpus(), nodeId);
      holds.put(made);
      return made;
    });
  }

  /** The hold of that id that {@code tenant} sees. */
  @Override
  public Optional<CapacityHold> findHold(Tenant tenant, String id) {
    return changes.change(() -> holds.find(id).filter(h -> tenant.sees(h.ownerOrg())));
  }

  /** Every hold {@code tenant} sees, expired ones the sweep has not removed yet included. */
  @Override
  public List<CapacityHold> listHolds(Tenant tenant) {
    return changes.change(() -> holds.all().stream().filter(h -> tenant.sees(h.ownerOrg())).toList());
  }

  /**
   * Gives a hold's capacity back; only the peer that made it may (NOT_FOUND for a hold {@code tenant} does not see,
   * PERMISSION_DENIED for another peer's).
   */
  @Override
  public CapacityHold releaseHold(Tenant tenant, String id, String placerPeerId) {
    return changes.change(() -> {
      CapacityHold h = holds.find(id).filter(x -> tenant.sees(x.ownerOrg()))
          .orElseThrow(() -> NodeException.notFound("allocation", id));
      if (!h.placerPeerId().equals(placerPeerId)) {
        throw new NodeException(ErrorCode.PERMISSION_DENIED, "allocation '" + id + "' was made by another peer");
      }
      holds.remove(id);
      return h;
    });
  }

  /** Removes the expired holds (at start and by a periodic sweep of the node) and answers them, for the audit. */
  @Override
  public List<CapacityHold> expireHolds() {
    return changes.change(() -> holds.expire(clock.instant()));
  }

  /**
   * Deploys {@code wanted} into the allocation {@code holdId}: admitted against that hold's capacity (and its GPUs),
   * which it consumes, so the hold is shown used by it. Refused when the hold is unknown to {@code tenant}
   * (NOT_FOUND), expired or used (FAILED_PRECONDITION), or when the deployment asks for more than was held
   * (FAILED_PRECONDITION naming what).
   */
  @Override
  public DeployResult deployInto(Tenant tenant, DeploymentRequest wanted, String holdId) {
    validate(wanted);
    String id = wanted.deploymentId();
    changes.change(() -> {
      Instant now = clock.instant();
      CapacityHold h = holds.find(holdId).filter(x -> tenant.sees(x.ownerOrg()))
          .orElseThrow(() -> NodeException.notFound("allocation", holdId));
      NodeHolds.requireUsable(h, now, wanted, gpus.gpus().size());
      Optional<DesiredDeployment> existing = desired.get(id);
      if (existing.isPresent()) {
        throw new NodeException(ErrorCode.ALREADY_EXISTS, "deployment '" + id + "' already exists; an allocation"
            + " takes a new deployment");
      }
      DeploymentRequest request = Ownership.claim(tenant, wanted, existing);
      requireSchedulable("take new deployments");
      DesiredDeployment created = DesiredDeployment.of(request);
      List<DesiredDeployment> all = desired.list();
      PortClaims.check(created, all);
      Map<String, List<String>> previous = NodeHolds.spread(created, h);
      created = admission.admit(created, previous, all, HeldCapacity.of(holds.all(), now, h.id()));
      volumeOwners.claim(tenant, id, request.org());
      store(created).removeVolumes = false;
      holds.put(h.usedBy(id));
    });
    events.deployment(ComputeEvents.DEPLOYMENT_CREATED, id, "deployment accepted into allocation " + holdId);
    return new DeployResult(id, "deployment accepted into allocation " + holdId, List.of());
  }

  /** The holds keeping capacity now, but {@code exceptId}'s; under the change lock. */
  private HeldCapacity held(String exceptId) {
    return HeldCapacity.of(holds.all(), clock.instant(), exceptId);
  }

  /** Running containers of this node's deployments as the last reconcile pass saw them (a pass every few seconds). */
  public int activeContainers() {
    return activeContainers;
  }

  /**
   * One periodic pass, then waits (up to a minute) until every deployment's worker has run once after it; for tests
   * that want "one pass" without waiting for the loop.
   */
  public void reconcileAll() {
    try {
      CompletableFuture.allOf(periodic().toArray(CompletableFuture[]::new)).get(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the deployment workers did not finish a pass within a minute", e);
    }
  }

  /**
   * The loop's pass: lists the desired state and observes the runtime once, publishes both for GetStatus, keeps the
   * health probes and the running count, and triggers the worker of every deployment and of every orphan.
   */
  private List<CompletableFuture<Void>> periodic() {
    long changesBefore = board.changes();
    List<DesiredDeployment> all = desired.list();
    Map<String, Map<ReplicaName, ContainerState>> observed = reconciler.observeAllForPass();
    board.publish(changesBefore, all, observed);
    Set<String> checked = new HashSet<>();
    int running = 0;
    for (DesiredDeployment d : all) {
      Map<ReplicaName, ContainerState> actual = observed.getOrDefault(d.id(), Map.of());
      running += (int) actual.values().stream().filter(ContainerState::running).count();
      if (d.running()) {
        actual.forEach((replica, c) -> healthcheck(d, replica).filter(plan -> c.running()).ifPresent(plan -> {
          probes.track(replica, c.id(), plan);
          checked.add(c.id());
        }));
      }
    }
    probes.retainOnly(checked);
    activeContainers = running;
    Set<String> ids = new HashSet<>(observed.keySet());
    all.forEach(d -> ids.add(d.id()));
    return changes.change(() -> {
      workers.retireIdleExcept(ids);
      return ids.stream().map(id -> workers.of(id).trigger()).toList();
    });
  }

  /** One pass of a deployment's worker: converges its containers to what is stored now, then shows the result. */
  private void pass(DeploymentWorker worker, DeploymentWorker.Wanted wanted) {
    try {
      converge(worker, wanted);
    } finally {
      board.refresh(worker.deploymentId());
    }
  }

  private void converge(DeploymentWorker worker, DeploymentWorker.Wanted wanted) {
    String id = worker.deploymentId();
    Optional<DesiredDeployment> stored = desired.get(id);
    Map<ReplicaName, ContainerState> actual = reconciler.observe(id);
    if (stored.isEmpty()) {
      reconciler.removeAll(actual, worker.removing ? "deployment removed" : "no deployment owns it", wanted);
      reconciler.forget(id);
      if (worker.removeVolumes) {
        deleteTree(specs.volumeDir(id));
        worker.removeVolumes = false;
      }
      return;
    }
    DesiredDeployment d = stored.get();
    if (!d.running()) {
      if (scheduling.drain() != NodeScheduling.Drain.DRAINING) { // while draining, the drain stops them
        reconciler.stopAll(actual, worker.forceStop, worker.forceStop ? Duration.ZERO : stopGrace, wanted);
      }
      return;
    }
    if (worker.startExited) {
      reconciler.startStopped(actual, wanted);
      worker.startExited = false;
      actual = reconciler.observe(id);
    }
    restartUnhealthy(worker, actual, wanted);
    reconciler.reconcile(d, actual, (replica, c) -> ready(d, replica, c), wanted);
  }

  @Override
  public DeployResult deploy(Tenant tenant, DeploymentRequest wanted) {
    validate(wanted);
    String id = wanted.deploymentId();
    DeployResult result = changes.change(() -> {
      Optional<DesiredDeployment> existing = desired.get(id);
      DeploymentRequest request = Ownership.claim(tenant, wanted, existing);
      if (existing.isPresent()) {
        if (!desired.sameSpec(existing.get(), request)) {
          return update(request);
        }
        if (!existing.get().running()) {
          requireSchedulable("start deployment '" + id + "' again");
          DesiredDeployment restarted = admit(existing.get().withRunning(true));
          startAgain(restarted);
        }
        workers.of(id).trigger();
        return new DeployResult(id, "deployment already exists with this spec", List.of());
      }
      requireSchedulable("take new deployments");
      DesiredDeployment created = DesiredDeployment.of(request);
      created = admit(created);
      volumeOwners.claim(tenant, id, request.org());
      store(created).removeVolumes = false;
      return null;
    });
    if (result != null) {
      return result;
    }
    events.deployment(ComputeEvents.DEPLOYMENT_CREATED, id, "deployment accepted");
    return new DeployResult(id, "deployment accepted", List.of());
  }

  /** A changed spec under an existing id: stored at once, then rolled out one replica at a time. */
  private DeployResult update(DeploymentRequest request) {
    requireSchedulable("update deployments");
    DesiredDeployment updated = admit(DesiredDeployment.of(request));
    store(updated);
    events.deployment(ComputeEvents.DEPLOYMENT_UPDATING, request.deploymentId(),
        "spec changed: replacing replicas one at a time");
    return new DeployResult(request.deploymentId(), "deployment updating: replicas are replaced one at a time",
        List.of());
  }

  /**
   * Stores the stop and returns: the deployment's worker gives up whatever it was doing at its next container
   * action and stops the containers (status {@code stopping} until they ended).
   */
  @Override
  public void stop(Tenant tenant, String deploymentId, boolean force) {
    changes.change(() -> {
      DesiredDeployment d = require(tenant, deploymentId);
      DeploymentWorker worker = workers.of(deploymentId);
      worker.forceStop = force;
      worker.startExited = false;
      store(d.withRunning(false));
    });
    events.deployment(ComputeEvents.DEPLOYMENT_STOPPED, deploymentId, force ? "killed" : "stopped");
  }

  /**
   * Forgets the deployment (synced) and returns: its worker gives up whatever it was doing at its next container
   * action and removes the containers, newest first (a crash meanwhile leaves orphans the next pass removes).
   */
  @Override
  public void remove(Tenant tenant, String deploymentId, boolean removeVolumes) {
    changes.change(() -> {
      events.removing(require(tenant, deploymentId));
      desired.delete(deploymentId);
      board.removed(deploymentId);
      DeploymentWorker worker = workers.of(deploymentId);
      worker.removing = true;
      worker.removeVolumes = removeVolumes;
      worker.preempt();
    });
    events.deployment(ComputeEvents.DEPLOYMENT_REMOVED, deploymentId,
        removeVolumes ? "removed with its volumes" : "removed");
  }

  @Override
  public ScaleResult scale(Tenant tenant, String deploymentId, String serviceName, int replicas) {
    if (replicas < 0 || replicas > DesiredDeployment.MAX_REPLICAS) {
      throw NodeException.invalidField("replicas", "must be between 0 and " + DesiredDeployment.MAX_REPLICAS);
    }
    int previous = changes.change(() -> {
      DesiredDeployment d = require(tenant, deploymentId);
      if (!d.replicas().containsKey(serviceName)) {
        throw NodeException.invalidField("service_name", "deployment '" + deploymentId + "' has no service '"
            + serviceName + "'; it has " + d.replicas().keySet());
      }
      int before = d.replicas().get(serviceName);
      DesiredDeployment scaled = d.withReplicas(serviceName, replicas);
      if (replicas > before) {
        requireSchedulable("scale up");
      }
      if (d.running() && (replicas > before || GpuAssignments.asksForGpus(d))) {
        // Scaling down cannot need more, but frees the GPUs of the replicas that go.
        scaled = replicas > before ? admit(scaled) : scaled.withGpus(GpuAssignments.kept(scaled));
      }
      store(scaled);
      return before;
    });
    events.deployment(ComputeEvents.DEPLOYMENT_SCALED, deploymentId,
        serviceName + " scaled from " + previous + " to " + replicas);
    return new ScaleResult(previous, replicas);
  }

  /** Stores a changed deployment (synced), shows it on the board and preempts its worker; under the change lock. */
  private DeploymentWorker store(DesiredDeployment d) {
    desired.put(d);
    board.changed(d);
    DeploymentWorker worker = workers.of(d.id());
    if (!d.running()) {
      worker.startExited = false;
    }
    worker.removing = false;
    worker.preempt();
    return worker;
  }

  @Override
  public List<DeploymentSummary> statusSnapshot(Tenant tenant) {
    return board.summaries().stream().filter(d -> tenant.sees(d.org())).toList();
  }

  @Override
  public List<DeploymentSummary> list(Tenant tenant) {
    Map<String, Map<ReplicaName, ContainerState>> observed = observeAll();
    return desired.list().stream().filter(d -> tenant.sees(Ownership.owner(d)))
        .map(d -> summarize(d, observed.getOrDefault(d.id(), Map.of()))).toList();
  }

  @Override
  public Optional<DeploymentSummary> get(Tenant tenant, String deploymentId) {
    return desired.get(deploymentId).filter(d -> tenant.sees(Ownership.owner(d))).map(this::summarize);
  }

  @Override
  public AutoCloseable logs(Tenant tenant, LogQuery query, StreamSink<LogLine> sink) {
    require(tenant, query.deploymentId());
    return logs.open(query, sink);
  }

  private DeploymentSummary summarize(DesiredDeployment d) {
    try {
      return summarize(d, reconciler.observe(d.id()));
    } catch (ContainerRuntimeException e) {
      throw RuntimeErrors.toNode(e);
    }
  }

  private Map<String, Map<ReplicaName, ContainerState>> observeAll() {
    try {
      return reconciler.observeAll();
    } catch (ContainerRuntimeException e) {
      throw RuntimeErrors.toNode(e);
    }
  }

  private DeploymentSummary summarize(DesiredDeployment d, Map<ReplicaName, ContainerState> actual) {
    try {
      return DeploymentStatus.summarize(d, actual, (replica, c) ->
          Optional.ofNullable(d.request().project().services().get(replica.service()))
              .map(service -> reconciler.willRestart(service, c)).orElse(false),
          (replica, c) -> probes.health(c.id(), healthcheck(d, replica).isPresent()), reconciler);
    } catch (ContainerRuntimeException e) {
      throw RuntimeErrors.toNode(e);
    }
  }

  private List<ContainerState> containersOf(String deploymentId, String service) {
    return reconciler.observe(deploymentId).entrySet().stream()
        .filter(e -> service.isEmpty() || e.getKey().service().equals(service))
        .sorted(Comparator.comparing((Map.Entry<ReplicaName, ContainerState> e) -> e.getKey().service())
            .thenComparingInt(e -> e.getKey().replica()))
        .map(Map.Entry::getValue)
        .toList();
  }

  @Override
  public SchedulingState state() {
    return schedulingActions.state();
  }

  @Override
  public void cordon() {
    schedulingActions.cordon();
  }

  @Override
  public DrainResult drain(Duration deadline) {
    return schedulingActions.drain(deadline);
  }

  @Override
  public int uncordon() {
    return schedulingActions.uncordon();
  }

  /**
   * Wants a stopped deployment running again; its worker starts the containers the stop left behind (also those
   * whose restart policy would not restart them: the node stopped them, not their workload). Under the change lock.
   */
  private void startAgain(DesiredDeployment stopped) {
    DeploymentWorker worker = workers.of(stopped.id());
    worker.forceStop = false;
    worker.startExited = true; // before the store preempts the worker, so its next pass sees it
    store(stopped.withRunning(true));
  }

  /** A drain stored these deployments as stopped: their workers give up their passes, the drain stops them. */
  private void stopped(DesiredDeployment d) {
    board.changed(d);
    workers.of(d.id()).preempt();
  }

  private boolean ready(DesiredDeployment d, ReplicaName replica, ContainerState c) {
    return c.running() && probes.health(c.id(), healthcheck(d, replica).isPresent()).ready();
  }

  private static Optional<HealthcheckPlan> healthcheck(DesiredDeployment d, ReplicaName replica) {
    ServiceDefinition service = d.request().project().services().get(replica.service());
    return service == null ? Optional.empty() : HealthcheckPlan.of(service.healthcheck());
  }

  /** The probes found a replica unhealthy: its worker restarts it in place (its logs stay). */
  private void restartUnhealthy(ReplicaName replica, String containerId) {
    DeploymentWorker worker = workers.of(replica.deploymentId());
    worker.unhealthy.put(replica, containerId);
    worker.trigger();
  }

  /** Restarts the replicas the probes found unhealthy, unless they changed or stopped meanwhile. */
  private void restartUnhealthy(DeploymentWorker worker, Map<ReplicaName, ContainerState> actual,
      DeploymentWorker.Wanted wanted) {
    for (ReplicaName replica : List.copyOf(worker.unhealthy.keySet())) {
      String containerId = worker.unhealthy.remove(replica);
      ContainerState c = actual.get(replica);
      if (containerId == null || c == null || !c.id().equals(containerId) || !c.running()) {
        continue;
      }
      wanted.check();
      try {
        runtime.stop(containerId, stopGrace);
        runtime.start(containerId);
        events.container(ComputeEvents.CONTAINER_RESTARTED, replica, containerId, "restarted: unhealthy");
      } catch (ContainerRuntimeException e) {
        events.container(ComputeEvents.CONTAINER_FAILED, replica, containerId, "could not restart the unhealthy"
            + " replica: " + e.getMessage());
      }
    }
  }

  /**
   * Resources and ports: what {@code wanted} needs must be free next to the other running deployments. Answers
   * {@code wanted} with its replicas' GPUs, keeping those its stored version had.
   */
  private DesiredDeployment admit(DesiredDeployment wanted) {
    List<DesiredDeployment> all = desired.list();
    PortClaims.check(wanted, all);
    Map<String, List<String>> previous = wanted.gpus().isEmpty()
        ? desired.get(wanted.id()).map(DesiredDeployment::gpus).orElse(Map.of()) : wanted.gpus();
    return admission.admit(wanted, previous, all, held(null));
  }

  private void requireSchedulable(String what) {
    if (scheduling.cordoned()) {
      throw new NodeException(ErrorCode.FAILED_PRECONDITION, "this node is "
          + (scheduling.drain() == NodeScheduling.Drain.NONE ? "cordoned" : "drained")
          + " and does not " + what + "; uncordon it first");
    }
  }

  private DesiredDeployment require(Tenant tenant, String deploymentId) {
    return Ownership.require(tenant, deploymentId, desired.get(deploymentId));
  }

  private void validate(DeploymentRequest request) {
    if (!NAME.matcher(request.deploymentId()).matches()) {
      throw NodeException.invalidField("deployment_id", "'" + request.deploymentId()
          + "' must be 1-63 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    if (request.project() == null || request.project().services().isEmpty()) {
      throw NodeException.invalidField("spec.services", "a deployment needs at least one service");
    }
    request.project().services().forEach((name, service) -> {
      if (!NAME.matcher(name).matches()) {
        throw NodeException.invalidField("spec.services." + name, "service names must be 1-63 letters, digits,"
            + " '.', '_' or '-', starting with a letter or digit");
      }
      if (service.replicas() < 0 || service.replicas() > DesiredDeployment.MAX_REPLICAS) {
        throw NodeException.invalidField("spec.services." + name + ".deploy.replicas",
            "must be between 0 and " + DesiredDeployment.MAX_REPLICAS);
      }
      try {
        HealthcheckPlan.of(service.healthcheck());
      } catch (IllegalArgumentException e) {
        throw NodeException.invalidField("spec.services." + name + ".healthcheck", e.getMessage());
      }
    });
    specs.validate(request);
    RuntimeImages.check(runtime, request);
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new NodeException(ErrorCode.INTERNAL, "could not delete the volumes in " + dir + ": " + e.getMessage());
    }
  }
}
