package ai.hanzo.node.compute;

import ai.hanzo.node.error.NodeException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Cordon, drain and uncordon of the {@link Orchestrator}'s node. Their changes go through the engine's
 * {@link ChangeLock}, so a scheduling change never interleaves with a deploy; what drain stopped is stored before
 * anything stops, so uncordon starts it again even after a crash mid-drain. The drain stops the containers itself,
 * on a thread of its own and with its deadline, while the deployments' workers leave them alone.
 */
final class SchedulingActions implements SchedulingControl {
  private final ChangeLock changes;
  private final NodeScheduling scheduling;
  private final DesiredStateStore desired;
  private final Reconciler reconciler;
  private final ComputeEvents events;
  private final String nodeId;
  private final Duration stopGrace;
  private final Clock clock;
  private final Consumer<DesiredDeployment> startAgain;
  private final Consumer<DesiredDeployment> stopped;

  /**
   * {@code startAgain} wants a stopped deployment running again and {@code stopped} tells the engine a deployment
   * was stored as stopped; both are called under the change lock.
   */
  SchedulingActions(ChangeLock changes, NodeScheduling scheduling, DesiredStateStore desired, Reconciler reconciler,
      ComputeEvents events, String nodeId, Duration stopGrace, Clock clock,
      Consumer<DesiredDeployment> startAgain, Consumer<DesiredDeployment> stopped) {
    this.changes = changes;
    this.scheduling = scheduling;
    this.desired = desired;
    this.reconciler = reconciler;
    this.events = events;
    this.nodeId = nodeId;
    this.stopGrace = stopGrace;
    this.clock = clock;
    this.startAgain = startAgain;
    this.stopped = stopped;
  }

  @Override
  public SchedulingState state() {
    return new SchedulingState(scheduling.cordoned(), scheduling.drain());
  }

  @Override
  public void cordon() {
    boolean changed = changes.change(() -> {
      if (scheduling.cordoned()) {
        return false;
      }
      scheduling.cordon();
      return true;
    });
    if (!changed) {
      return;
    }
    events.node(ComputeEvents.NODE_CORDONED, nodeId, "cordoned: no new deployments");
  }

  @Override
  public DrainResult drain(Duration deadline) {
    if (deadline.isNegative() || deadline.isZero()) {
      throw NodeException.invalidField("deadline", "must be positive");
    }
    List<DesiredDeployment> stopping = changes.change(() -> {
      if (scheduling.drain() != NodeScheduling.Drain.NONE) {
        return null;
      }
      scheduling.cordon();
      List<DesiredDeployment> running = desired.list().stream().filter(DesiredDeployment::running).toList();
      Set<String> ids = new LinkedHashSet<>();
      running.forEach(d -> ids.add(d.id()));
      // Stored before anything stops, so a crash mid-drain still knows what uncordon must start again.
      scheduling.drainedDeployments(ids);
      scheduling.drainPhase(NodeScheduling.Drain.DRAINING);
      running.forEach(d -> {
        desired.put(d.withRunning(false));
        stopped.accept(d.withRunning(false));
      });
      return running;
    });
    if (stopping == null) {
      return new DrainResult(0, true);
    }
    events.node(ComputeEvents.NODE_DRAINING, nodeId, "draining " + stopping.size() + " deployments within "
        + deadline.toSeconds() + " s");
    Thread drainer = new Thread(() -> stopAll(stopping, clock.instant().plus(deadline)), "drain");
    drainer.setDaemon(true);
    drainer.start();
    return new DrainResult(stopping.size(), false);
  }

  /** Stops each deployment's containers in turn, together within the stop grace but never past the deadline. */
  private void stopAll(List<DesiredDeployment> deployments, Instant deadline) {
    for (DesiredDeployment d : deployments) {
      if (scheduling.drain() != NodeScheduling.Drain.DRAINING) {
        break; // uncordoned meanwhile: what is still running stays running
      }
      Duration left = Duration.between(clock.instant(), deadline);
      Duration grace = left.isNegative() ? Duration.ZERO : left.compareTo(stopGrace) < 0 ? left : stopGrace;
      reconciler.terminateAll(reconciler.observe(d.id()), grace, () -> { });
      events.deployment(ComputeEvents.DEPLOYMENT_STOPPED, d.id(), "stopped by the node's drain");
    }
    changes.change(() -> {
      if (scheduling.drain() == NodeScheduling.Drain.DRAINING) {
        scheduling.drainPhase(NodeScheduling.Drain.DRAINED);
      }
    });
    events.node(ComputeEvents.NODE_DRAINED, nodeId, "drained: " + deployments.size() + " deployments stopped");
  }

  @Override
  public int uncordon() {
    int restarted = changes.change(() -> {
      int started = 0;
      for (String id : scheduling.uncordon()) {
        Optional<DesiredDeployment> d = desired.get(id);
        if (d.isPresent() && !d.get().running()) {
          startAgain.accept(d.get());
          started++;
        }
      }
      return started;
    });
    events.node(ComputeEvents.NODE_UNCORDONED, nodeId, "schedulable again; " + restarted
        + " drained deployments start again");
    return restarted;
  }
}
