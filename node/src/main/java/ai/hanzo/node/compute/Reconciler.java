package ai.hanzo.node.compute;

import ai.hanzo.node.compute.DeploymentRequest.ServiceDefinition;
import ai.hanzo.node.runtime.ContainerRuntime;
import ai.hanzo.node.runtime.ContainerRuntimeException;
import ai.hanzo.node.runtime.ContainerSpec;
import ai.hanzo.node.runtime.ContainerState;
import ai.hanzo.node.runtime.ContainerStatus;
import ai.hanzo.node.runtime.RuntimeErrorCode;
import ai.hanzo.node.runtime.VolumeMount;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass that makes the containers of a deployment match its desired state: creates missing replicas, starts
 * created ones, restarts exited ones as the restart policy allows (after a backoff), removes replicas beyond the
 * desired count newest first. Its caller is the deployment's {@link DeploymentWorker}, so passes over one deployment
 * never overlap and never create a replica twice; before each container action a pass asks whether it is still
 * {@link DeploymentWorker.Wanted wanted}, so a newer desired state (a stop, a remove) takes over within one action.
 */
final class Reconciler implements ReplicaStates.Conditions {
  private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

  private final ContainerRuntime runtime;
  private final ReplicaSpecs specs;
  private final ComputeEvents events;
  private final RestartBackoff backoff;
  private final RestartTracker restarts = new RestartTracker();
  private final ReplicaReasons reasons = new ReplicaReasons();
  private final StoppedByNode stoppedByNode;
  private final String nodeId;
  private final Duration grace;
  private final Clock clock;
  /** Told of each container just before it is removed (its usage tail is metered then); must not throw. */
  private volatile Consumer<String> beforeRemove = id -> { };

  Reconciler(ContainerRuntime runtime, ReplicaSpecs specs, ComputeEvents events, RestartBackoff backoff,
      StoppedByNode stoppedByNode, String nodeId, Duration grace, Clock clock) {
    this.runtime = runtime;
    this.stoppedByNode = stoppedByNode;
    this.specs = specs;
    this.events = events;
    this.backoff = backoff;
    this.nodeId = nodeId;
    this.grace = grace;
    this.clock = clock;
  }

  void beforeRemove(Consumer<String> listener) {
    this.beforeRemove = listener;
  }

  /** The containers of a deployment by replica, as the runtime sees them now. */
  Map<ReplicaName, ContainerState> observe(String deploymentId) {
    Map<ReplicaName, ContainerState> byReplica = new HashMap<>();
    for (ContainerState c : runtime.list(Map.of(ReplicaName.DEPLOYMENT_LABEL, deploymentId))) {
      ReplicaName.fromLabels(c.labels()).ifPresent(r -> byReplica.put(r, c));
    }
    return byReplica;
  }

  /**
   * Every container of this node's deployments, by deployment and replica: one runtime listing for a whole pass,
   * so a pass costs one listing however many deployments there are.
   */
  Map<String, Map<ReplicaName, ContainerState>> observeAll() {
    Map<String, Map<ReplicaName, ContainerState>> all = new HashMap<>();
    for (ContainerState c : runtime.list(Map.of(ReplicaName.NODE_LABEL, nodeId))) {
      ReplicaName.fromLabels(c.labels()).ifPresent(r ->
          all.computeIfAbsent(r.deploymentId(), id -> new HashMap<>()).put(r, c));
    }
    return all;
  }

  /**
   * {@link #observeAll()} for the periodic pass, which also forgets the node's own stops of containers that have
   * vanished since (reads of the API observe too, but write nothing).
   */
  Map<String, Map<ReplicaName, ContainerState>> observeAllForPass() {
    long observation = stoppedByNode.beginObservation();
    Map<String, Map<ReplicaName, ContainerState>> all = observeAll();
    Set<String> ids = new HashSet<>();
    all.values().forEach(replicas -> replicas.values().forEach(c -> ids.add(c.id())));
    stoppedByNode.retainObserved(observation, ids);
    return all;
  }

  @Override
  public Optional<ReplicaReasons.Waiting> waiting(ReplicaName replica) {
    return reasons.of(replica);
  }

  @Override
  public int restarts(String containerId) {
    return restarts.restarts(containerId);
  }

  /** The deployment is gone: its replicas have nothing left to wait for. */
  void forget(String deploymentId) {
    reasons.retain(deploymentId, r -> false);
  }

  /**
   * One pass over a deployment whose containers were just observed ({@code actual}). {@code ready} tells whether a
   * replica serves (runs and passed its health check); rolling updates wait for it.
   */
  void reconcile(DesiredDeployment desired, Map<ReplicaName, ContainerState> actual,
      BiPredicate<ReplicaName, ContainerState> ready, DeploymentWorker.Wanted wanted) {
    removeExtras(desired, actual, wanted);
    reasons.retain(desired.id(), r -> r.replica() <= desired.replicasOf(r.service()));
    if (!desired.running()) {
      return;
    }
    Map<ReplicaName, ContainerState> current = new HashMap<>(actual);
    desired.request().project().services().keySet()
        .forEach(name -> replaceOneOutdated(desired, name, current, ready, wanted));
    desired.request().project().services().forEach((name, service) -> {
      for (int n = 1; n <= desired.replicasOf(name); n++) {
        ReplicaName replica = new ReplicaName(desired.id(), name, n);
        // Failures to bring a replica up back off like restarts, keyed by name since there may be no id yet.
        String failureKey = "up:" + replica.containerName();
        RestartTracker.Entry failures = restarts.get(failureKey);
        if (clock.instant().isBefore(failures.notBefore())) {
          continue;
        }
        try {
          converge(desired, replica, service, Optional.ofNullable(current.get(replica)), wanted);
          restarts.forget(failureKey);
        } catch (DeploymentWorker.Preempted e) {
          throw e;
        } catch (RuntimeException e) {
          // Whatever the runtime or the spec throws stays this replica's failure: reported, shown as the replica's
          // waiting reason, retried after a backoff.
          RuntimeException cause = e instanceof BringUpFailure f ? f.failure : e;
          String text = cause instanceof ContainerRuntimeException ? cause.getMessage() : cause.toString();
          log.warn("Replica {} could not be brought up: {}", replica.containerName(), text);
          events.container(ComputeEvents.CONTAINER_FAILED, replica, "", text);
          Instant next = clock.instant().plus(backoff.delay(failures.restarts()));
          restarts.put(failureKey, new RestartTracker.Entry(failures.restarts() + 1, next, true, true));
          String reason = e instanceof BringUpFailure f ? f.reason : ReplicaReasons.CREATE_FAILED;
          reasons.waiting(replica, new ReplicaReasons.Waiting(reason, text, failures.restarts() + 1, next));
        }
      }
    });
  }

  /**
   * A rolling update: replaces one replica made from an older spec, and only while every other replica of the
   * service exists and is ready, so an update never takes down more than one replica at a time, and stalls with the
   * old replicas still serving when a new one never becomes ready (deploying the old spec again rolls it back).
   */
  private void replaceOneOutdated(DesiredDeployment desired, String service, Map<ReplicaName, ContainerState> current,
      BiPredicate<ReplicaName, ContainerState> ready, DeploymentWorker.Wanted wanted) {
    ReplicaName first = null;
    for (int n = 1; n <= desired.replicasOf(service); n++) {
      ReplicaName replica = new ReplicaName(desired.id(), service, n);
      ContainerState c = current.get(replica);
      if (c == null) {
        return; // a replica is still to be created: one at a time
      }
      if (ReplicaSpecs.outdated(desired, replica, c)) {
        first = first == null ? replica : first;
      } else if (!ready.test(replica, c)) {
        return;
      }
    }
    if (first != null) {
      wanted.check();
      removeContainer(first, current.remove(first), "replaced by the updated spec");
    }
  }

  /**
   * Starts the exited containers of a deployment the node itself stopped (stop, drain) and that is wanted running
   * again: the restart policy judges only exits the workload chose, so even {@code restart: no} replicas start,
   * as {@code docker start} does. A container that fails to start is reported and left to the reconcile loop.
   */
  void startStopped(Map<ReplicaName, ContainerState> actual, DeploymentWorker.Wanted wanted) {
    actual.forEach((replica, c) -> {
      if (c.running()) {
        return;
      }
      wanted.check();
      try {
        runtime.start(c.id());
        restarts.forget(c.id());
        stoppedByNode.remove(c.id());
        reasons.clear(replica);
        events.container(ComputeEvents.CONTAINER_STARTED, replica, c.id(), "started again");
      } catch (ContainerRuntimeException e) {
        reasons.waiting(replica, new ReplicaReasons.Waiting(ReplicaReasons.startFailure(e), e.getMessage(),
            restarts.restarts(c.id()), null));
        events.container(ComputeEvents.CONTAINER_FAILED, replica, c.id(), "could not start it again: "
            + e.getMessage());
      }
    });
  }

  /**
   * Removes {@code containers} (newest replicas first): their deployment was removed or scaled down, or no deployment
   * owns them. The running ones are terminated together first, so replicas that ignore SIGTERM cost one grace, not
   * one each.
   */
  void removeAll(Map<ReplicaName, ContainerState> containers, String why, DeploymentWorker.Wanted wanted) {
    terminateAll(containers, grace, wanted);
    containers.entrySet().stream()
        .sorted(Comparator.comparingInt((Map.Entry<ReplicaName, ContainerState> e) -> e.getKey().replica())
            .reversed())
        .forEach(e -> {
          wanted.check();
          delete(e.getKey(), e.getValue(), why);
        });
  }

  /** Stops the running containers of a stopped deployment within one shared {@code grace} (force: SIGKILL). */
  void stopAll(Map<ReplicaName, ContainerState> actual, boolean force, Duration grace, DeploymentWorker.Wanted wanted) {
    terminateAll(actual, force ? Duration.ZERO : grace, wanted);
  }

  /**
   * Ends the running containers of {@code actual} together, as {@code docker compose down} does: SIGTERM to each,
   * then each one's stop with what is left of one grace counted from the first signal, so the stop of n replicas
   * that ignore SIGTERM takes one grace, not n. A zero grace kills at once. A container that ended or vanished
   * meanwhile is skipped; any other failure is reported and the others are still stopped.
   */
  void terminateAll(Map<ReplicaName, ContainerState> actual, Duration grace, DeploymentWorker.Wanted wanted) {
    Map<ReplicaName, ContainerState> running = new LinkedHashMap<>();
    actual.forEach((replica, c) -> {
      if (c.running()) {
        running.put(replica, c);
      }
    });
    if (running.isEmpty()) {
      return;
    }
    stoppedByNode.add(running.values().stream().map(ContainerState::id).toList());
    Instant end = clock.instant().plus(grace);
    if (!grace.isZero()) {
      running.forEach((replica, c) -> {
        wanted.check();
        tolerate(replica, c, "SIGTERM", () -> runtime.kill(c.id(), "SIGTERM"));
      });
    }
    running.forEach((replica, c) -> {
      wanted.check();
      Duration left = Duration.between(clock.instant(), end);
      boolean kill = left.isNegative() || left.isZero();
      tolerate(replica, c, "stop", () -> runtime.stop(c.id(), kill ? Duration.ZERO : left));
      events.container(ComputeEvents.CONTAINER_STOPPED, replica, c.id(), kill && !grace.isZero()
          ? "killed at the end of its grace" : grace.isZero() ? "killed" : "stopped");
    });
  }

  /** Runs one step of stopping a container; one that ended or vanished meanwhile is not a failure. */
  private void tolerate(ReplicaName replica, ContainerState c, String step, Runnable action) {
    try {
      action.run();
    } catch (ContainerRuntimeException e) {
      if (e.code() != RuntimeErrorCode.NOT_FOUND && e.code() != RuntimeErrorCode.CONFLICT) {
        events.container(ComputeEvents.CONTAINER_FAILED, replica, c.id(), "could not " + step + " it: "
            + e.getMessage());
      }
    }
  }

  /** Whether an exited container is going to be started again (else the replica has failed or completed). */
  boolean willRestart(ServiceDefinition service, ContainerState c) {
    return stoppedByNode.contains(c.id()) || policy(service).restarts(exitCode(c), restarts.restarts(c.id()));
  }

  void removeContainer(ReplicaName replica, ContainerState c, String why) {
    if (c.running()) {
      stoppedByNode.add(Set.of(c.id()));
      try {
        runtime.stop(c.id(), grace);
      } catch (ContainerRuntimeException e) {
        if (e.code() != RuntimeErrorCode.NOT_FOUND) {
          throw e;
        }
      }
    }
    delete(replica, c, why);
  }

  /** Deletes a container that was stopped (one still running makes the runtime refuse, and the pass retries). */
  private void delete(ReplicaName replica, ContainerState c, String why) {
    try {
      beforeRemove.accept(c.id());
    } catch (RuntimeException e) {
      // Metering is never a reason to keep a container the spec no longer wants.
      log.warn("Before removing {}: {}", c.id(), e.toString());
    }
    try {
      runtime.remove(c.id());
    } catch (ContainerRuntimeException e) {
      if (e.code() != RuntimeErrorCode.NOT_FOUND) {
        throw e;
      }
    }
    restarts.forget(c.id());
    stoppedByNode.remove(c.id());
    reasons.clear(replica);
    events.container(ComputeEvents.CONTAINER_REMOVED, replica, c.id(), "removed: " + why);
  }

  /**
   * Removes the replicas beyond the desired count (and those of services the spec no longer has), newest first,
   * after ending the running ones together within one grace.
   */
  private void removeExtras(DesiredDeployment desired, Map<ReplicaName, ContainerState> actual,
      DeploymentWorker.Wanted wanted) {
    Map<String, ServiceDefinition> services = desired.request().project().services();
    Map<ReplicaName, ContainerState> extras = new LinkedHashMap<>();
    actual.forEach((replica, c) -> {
      if (!services.containsKey(replica.service())
          || replica.replica() > desired.replicas().getOrDefault(replica.service(), 0)) {
        extras.put(replica, c);
      }
    });
    removeAll(extras, "scaled down", wanted);
  }

  private void converge(DesiredDeployment desired, ReplicaName replica, ServiceDefinition service,
      Optional<ContainerState> current, DeploymentWorker.Wanted wanted) {
    if (current.isEmpty()) {
      wanted.check();
      String id;
      try {
        ContainerSpec spec = specs.spec(desired, replica, nodeId);
        createVolumeDirs(spec);
        id = runtime.create(spec);
      } catch (RuntimeException e) {
        throw new BringUpFailure(ReplicaReasons.createFailure(e), e);
      }
      events.container(ComputeEvents.CONTAINER_CREATED, replica, id, "created");
      wanted.check(); // left created: the next pass starts it, or removes it with the deployment
      start(replica, id);
      restarts.put(id, new RestartTracker.Entry(0, Instant.MIN, false, true));
      events.container(ComputeEvents.CONTAINER_STARTED, replica, id, "started");
      return;
    }
    ContainerState c = current.get();
    RestartTracker.Entry entry = restarts.get(c.id());
    if (c.status() == ContainerStatus.RUNNING) {
      reasons.clear(replica);
      if (!entry.seen()) {
        restarts.put(c.id(), new RestartTracker.Entry(entry.restarts(), entry.notBefore(), false, true));
        events.container(ComputeEvents.CONTAINER_ADOPTED, replica, c.id(), "found running");
      }
      return;
    }
    if (c.status() == ContainerStatus.CREATED) {
      wanted.check();
      start(replica, c.id());
      restarts.put(c.id(), new RestartTracker.Entry(entry.restarts(), entry.notBefore(), false, true));
      events.container(ComputeEvents.CONTAINER_STARTED, replica, c.id(), "started");
      return;
    }
    restartExited(replica, service, c, entry, wanted);
  }

  private void restartExited(ReplicaName replica, ServiceDefinition service, ContainerState c,
      RestartTracker.Entry entry, DeploymentWorker.Wanted wanted) {
    if (stoppedByNode.contains(c.id())) { // the change that stopped it was taken back: as after a stop, start it
      wanted.check();
      start(replica, c.id());
      stoppedByNode.remove(c.id());
      restarts.put(c.id(), new RestartTracker.Entry(entry.restarts(), Instant.MIN, false, true));
      events.container(ComputeEvents.CONTAINER_STARTED, replica, c.id(), "started again: the node had stopped it"
          + " for a change that was taken back");
      return;
    }
    Instant now = clock.instant();
    int exit = exitCode(c);
    if (!entry.exitReported()) {
      events.container(ComputeEvents.CONTAINER_EXITED, replica, c.id(), "exited with code " + exit);
      entry = new RestartTracker.Entry(entry.restarts(), now.plus(backoff.delay(entry.restarts())), true, true);
      restarts.put(c.id(), entry);
    }
    if (!policy(service).restarts(exit, entry.restarts())) {
      reasons.clear(replica); // ended for good: its state is terminated, with the exit code
      return;
    }
    if (now.isBefore(entry.notBefore())) {
      reasons.waiting(replica, new ReplicaReasons.Waiting(ReplicaReasons.CRASH_LOOP_BACK_OFF, "back-off: restart "
          + (entry.restarts() + 1) + " at " + entry.notBefore() + " after " + ReplicaReasons.exitMessage(exit),
          entry.restarts(), entry.notBefore()));
      return;
    }
    wanted.check();
    start(replica, c.id());
    restarts.put(c.id(), new RestartTracker.Entry(entry.restarts() + 1, Instant.MIN, false, true));
    events.container(ComputeEvents.CONTAINER_RESTARTED, replica, c.id(),
        "restart " + (entry.restarts() + 1) + " after exit code " + exit);
  }

  /** Starts a replica's container; a failure becomes the replica's waiting reason. */
  private void start(ReplicaName replica, String containerId) {
    try {
      runtime.start(containerId);
    } catch (RuntimeException e) {
      throw new BringUpFailure(ReplicaReasons.startFailure(e), e);
    }
    reasons.clear(replica);
  }

  /** Bringing a replica up failed at one step; {@code reason} says which, as a waiting reason. */
  private static final class BringUpFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String reason;
    private final RuntimeException failure;

    BringUpFailure(String reason, RuntimeException failure) {
      super(failure.getMessage(), failure, false, false);
      this.reason = reason;
      this.failure = failure;
    }
  }

  private static void createVolumeDirs(ContainerSpec spec) {
    for (VolumeMount volume : spec.volumes()) {
      try {
        Files.createDirectories(volume.hostPath());
      } catch (IOException e) {
        throw new ContainerRuntimeException(RuntimeErrorCode.IO, "cannot create volume directory "
            + volume.hostPath() + ": " + e.getMessage(), e);
      }
    }
  }

  private static RestartPolicy policy(ServiceDefinition service) {
    return RestartPolicy.parse(service.restart(), "restart");
  }

  /** A container gone without an exit code (DEAD) counts as failed. */
  private static int exitCode(ContainerState c) {
    return c.exitCode().orElse(-1);
  }
}
