package ai.hanzo.node.compute;

import ai.hanzo.node.compute.DeploymentRequest.ServiceDefinition;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.events.EventBus;
import ai.hanzo.node.runtime.ContainerRuntime;
import ai.hanzo.node.runtime.ContainerRuntimeException;
import ai.hanzo.node.runtime.ContainerState;
import ai.hanzo.node.storage.DeploymentStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The compute engine: keeps deployments at their desired state on one {@link ContainerRuntime}. Every change is
 * stored (synced) before the call returns, then the reconcile loop converges the containers. A Deploy with an
 * existing id and the same spec is a no-op success (it also starts a stopped deployment again); with a different
 * spec it is a rolling update (see {@link Reconciler}): one replica at a time, each waiting for the last to be ready,
 * with the replica counts of the new spec. One lock
 * serializes calls and reconcile passes, so no two of them create the same replica; every call checks under it that
 * its {@link Tenant} may act on the deployment ({@link Ownership}), so no other call changes the owner in between.
 */
public final class Orchestrator implements DeploymentService, SchedulingControl, AutoCloseable {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");
  private static final int MAX_REPLICAS = 1000;

  private final ContainerRuntime runtime;
  private final DesiredStateStore desired;
  private final Reconciler reconciler;
  private final ReplicaSpecs specs;
  private final VolumeOwners volumeOwners;
  private final ComputeEvents events;
  private final ReconcileLoop loop;
  private final DeploymentLogs logs;
  private final ContainerQueries containers;
  private final HealthProbes probes;
  private final Admission admission;
  private final NodeScheduling scheduling;
  private final Supplier<String> nodeId;
  private final Duration stopGrace;
  private final Object lock = new Object();
  private final SchedulingActions schedulingActions;
  private volatile int activeContainers;

  public Orchestrator(ContainerRuntime runtime, Supplier<DeploymentStore> store, NodeScheduling scheduling,
      EventBus bus, Supplier<String> nodeId, ComputeSettings settings, Clock clock, RandomGenerator random) {
    this.runtime = runtime;
    this.scheduling = scheduling;
    this.nodeId = nodeId;
    this.stopGrace = settings.stopGrace();
    this.desired = new DesiredStateStore(store, clock);
    this.events = new ComputeEvents(bus, clock, desired::get);
    this.specs = new ReplicaSpecs(settings.volumesDir());
    this.volumeOwners = new VolumeOwners(specs::volumeDir);
    this.reconciler = new Reconciler(runtime, specs, events, RestartBackoff.defaults(random), nodeId,
        settings.stopGrace(), clock);
    this.loop = new ReconcileLoop(this::reconcileAll, settings.reconcileInterval());
    this.logs = new DeploymentLogs(runtime, this::containersOf);
    this.containers = new ContainerQueries(runtime, nodeId, desired::get);
    this.probes = new HealthProbes(runtime, events, clock, this::restartUnhealthy);
    this.admission = new Admission(settings.capacity());
    this.schedulingActions = new SchedulingActions(lock, scheduling, desired, reconciler, events, loop, nodeId,
        settings.stopGrace(), clock, this::startAgain);
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
    probes.close();
  }

  /** Running containers of this node's deployments as the last reconcile pass saw them (a pass every few seconds). */
  public int activeContainers() {
    return activeContainers;
  }

  /** One pass over every deployment, plus the orphan sweep; the loop calls this, tests may too. */
  public void reconcileAll() {
    synchronized (lock) {
      List<DesiredDeployment> all = desired.list();
      Map<String, Map<ReplicaName, ContainerState>> observed = reconciler.observeAll();
      Set<String> owned = new HashSet<>();
      Set<String> checked = new HashSet<>();
      int running = 0;
      for (DesiredDeployment d : all) {
        owned.add(d.id());
        Map<ReplicaName, ContainerState> actual = observed.getOrDefault(d.id(), new HashMap<>());
        reconciler.reconcile(d, actual, (replica, c) -> ready(d, replica, c));
        running += (int) actual.values().stream().filter(ContainerState::running).count();
        if (d.running()) {
          actual.forEach((replica, c) -> healthcheck(d, replica).filter(plan -> c.running()).ifPresent(plan -> {
            probes.track(replica, c.id(), plan);
            checked.add(c.id());
          }));
        }
      }
      probes.retainOnly(checked);
      reconciler.removeOrphans(owned, observed);
      activeContainers = running;
    }
  }

  @Override
  public DeployResult deploy(Tenant tenant, DeploymentRequest wanted) {
    validate(wanted);
    DeploymentRequest request;
    synchronized (lock) {
      Optional<DesiredDeployment> existing = desired.get(wanted.deploymentId());
      request = Ownership.claim(tenant, wanted, existing);
      if (existing.isPresent()) {
        if (!desired.sameSpec(existing.get(), request)) {
          return update(request);
        }
        if (!existing.get().running()) {
          requireSchedulable("start deployment '" + request.deploymentId() + "' again");
          admit(existing.get().withRunning(true));
          startAgain(existing.get());
        }
        loop.trigger();
        return new DeployResult(request.deploymentId(), "deployment already exists with this spec", List.of());
      }
      requireSchedulable("take new deployments");
      admit(DesiredDeployment.of(request));
      volumeOwners.claim(tenant, request.deploymentId(), request.org());
      desired.put(DesiredDeployment.of(request));
    }
    events.deployment(ComputeEvents.DEPLOYMENT_CREATED, request.deploymentId(), "deployment accepted");
    loop.trigger();
    return new DeployResult(request.deploymentId(), "deployment accepted", List.of());
  }

  /** A changed spec under an existing id: stored at once, then rolled out one replica at a time. */
  private DeployResult update(DeploymentRequest request) {
    requireSchedulable("update deployments");
    DesiredDeployment updated = DesiredDeployment.of(request);
    admit(updated);
    desired.put(updated);
    events.deployment(ComputeEvents.DEPLOYMENT_UPDATING, request.deploymentId(),
        "spec changed: replacing replicas one at a time");
    loop.trigger();
    return new DeployResult(request.deploymentId(), "deployment updating: replicas are replaced one at a time",
        List.of());
  }

  @Override
  public void stop(Tenant tenant, String deploymentId, boolean force) {
    synchronized (lock) {
      DesiredDeployment d = require(tenant, deploymentId);
      desired.put(d.withRunning(false));
      try {
        reconciler.observe(deploymentId).forEach((replica, c) -> reconciler.stopContainer(replica, c, force));
      } catch (ContainerRuntimeException e) {
        throw RuntimeErrors.toNode(e);
      }
    }
    events.deployment(ComputeEvents.DEPLOYMENT_STOPPED, deploymentId, force ? "killed" : "stopped");
  }

  @Override
  public void remove(Tenant tenant, String deploymentId, boolean removeVolumes) {
    synchronized (lock) {
      events.removing(require(tenant, deploymentId));
      // Forgetting the deployment first means a crash half-way leaves orphans the next pass removes.
      desired.delete(deploymentId);
      try {
        reconciler.observe(deploymentId).entrySet().stream()
            .sorted(Comparator.comparingInt(e -> -e.getKey().replica()))
            .forEach(e -> reconciler.removeContainer(e.getKey(), e.getValue(), "deployment removed"));
      } catch (ContainerRuntimeException e) {
        throw RuntimeErrors.toNode(e);
      }
      if (removeVolumes) {
        deleteTree(specs.volumeDir(deploymentId));
      }
    }
    events.deployment(ComputeEvents.DEPLOYMENT_REMOVED, deploymentId,
        removeVolumes ? "removed with its volumes" : "removed");
  }

  @Override
  public ScaleResult scale(Tenant tenant, String deploymentId, String serviceName, int replicas) {
    if (replicas < 0 || replicas > MAX_REPLICAS) {
      throw NodeException.invalidField("replicas", "must be between 0 and " + MAX_REPLICAS);
    }
    int previous;
    synchronized (lock) {
      DesiredDeployment d = require(tenant, deploymentId);
      if (!d.replicas().containsKey(serviceName)) {
        throw NodeException.invalidField("service_name", "deployment '" + deploymentId + "' has no service '"
            + serviceName + "'; it has " + d.replicas().keySet());
      }
      previous = d.replicas().get(serviceName);
      if (replicas > previous) {
        requireSchedulable("scale up");
        if (d.running()) {
          admit(d.withReplicas(serviceName, replicas));
        }
      }
      desired.put(d.withReplicas(serviceName, replicas));
    }
    events.deployment(ComputeEvents.DEPLOYMENT_SCALED, deploymentId,
        serviceName + " scaled from " + previous + " to " + replicas);
    loop.trigger();
    return new ScaleResult(previous, replicas);
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
          (replica, c) -> probes.health(c.id(), healthcheck(d, replica).isPresent()));
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

  /** Wants a stopped deployment running again and starts the containers the stop left behind (under the lock). */
  private void startAgain(DesiredDeployment stopped) {
    desired.put(stopped.withRunning(true));
    reconciler.startStopped(stopped.id());
  }

  private boolean ready(DesiredDeployment d, ReplicaName replica, ContainerState c) {
    return c.running() && probes.health(c.id(), healthcheck(d, replica).isPresent()).ready();
  }

  private static Optional<HealthcheckPlan> healthcheck(DesiredDeployment d, ReplicaName replica) {
    ServiceDefinition service = d.request().project().services().get(replica.service());
    return service == null ? Optional.empty() : HealthcheckPlan.of(service.healthcheck());
  }

  /** Restarts an unhealthy replica in place (its logs stay), unless it changed or stopped meanwhile. */
  private void restartUnhealthy(ReplicaName replica, String containerId) {
    synchronized (lock) {
      Optional<DesiredDeployment> d = desired.get(replica.deploymentId());
      ContainerState c = reconciler.observe(replica.deploymentId()).get(replica);
      if (d.isEmpty() || !d.get().running() || c == null || !c.id().equals(containerId) || !c.running()) {
        return;
      }
      try {
        runtime.stop(containerId, stopGrace);
        runtime.start(containerId);
        events.container(ComputeEvents.CONTAINER_RESTARTED, replica, containerId, "restarted: unhealthy");
      } catch (ContainerRuntimeException e) {
        events.container(ComputeEvents.CONTAINER_FAILED, replica, containerId, "could not restart the unhealthy"
            + " replica: " + e.getMessage());
      }
    }
    loop.trigger();
  }

  /** Resources and ports: what {@code wanted} needs must be free next to the other running deployments. */
  private void admit(DesiredDeployment wanted) {
    List<DesiredDeployment> all = desired.list();
    PortClaims.check(wanted, all);
    admission.check(wanted, all);
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
      if (service.replicas() < 0 || service.replicas() > MAX_REPLICAS) {
        throw NodeException.invalidField("spec.services." + name + ".deploy.replicas",
            "must be between 0 and " + MAX_REPLICAS);
      }
      try {
        HealthcheckPlan.of(service.healthcheck());
      } catch (IllegalArgumentException e) {
        throw NodeException.invalidField("spec.services." + name + ".healthcheck", e.getMessage());
      }
    });
    specs.validate(request);
    RuntimeImages.check(runtime.name(), request);
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
