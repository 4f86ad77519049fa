package ai.hanzo.node.compute;

import ai.hanzo.node.runtime.ContainerRuntime;
import ai.hanzo.node.runtime.ContainerRuntimeException;
import ai.hanzo.node.runtime.ExecSession;
import ai.hanzo.node.runtime.ExecSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

/**
 * Runs the health checks of running replicas inside their containers, each at its interval on a small pool of its
 * own: a check that exits 0 within its timeout passes. Failures inside the start period do not count until a check
 * has passed; {@code retries} failures in a row make the replica unhealthy, which is reported once to
 * {@code onUnhealthy} (the engine restarts it) and ends the tracking until the engine tracks it again.
 */
final class HealthProbes implements AutoCloseable {
  private static final long FIRST_CHECK_MAX_MILLIS = 1000;

  private final ContainerRuntime runtime;
  private final ComputeEvents events;
  private final Clock clock;
  private final BiConsumer<ReplicaName, String> onUnhealthy;
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
    Thread t = new Thread(r, "healthcheck");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, Probe> probes = new ConcurrentHashMap<>();

  HealthProbes(ContainerRuntime runtime, ComputeEvents events, Clock clock,
      BiConsumer<ReplicaName, String> onUnhealthy) {
    this.runtime = runtime;
    this.events = events;
    this.clock = clock;
    this.onUnhealthy = onUnhealthy;
  }

  /** Starts checking a running container unless already checked. */
  void track(ReplicaName replica, String containerId, HealthcheckPlan plan) {
    probes.computeIfAbsent(containerId, id -> {
      Probe probe = new Probe(replica, id, plan, clock.instant());
      long every = plan.interval().toMillis();
      probe.schedule = scheduler.scheduleWithFixedDelay(() -> check(probe), Math.min(every, FIRST_CHECK_MAX_MILLIS),
          every, TimeUnit.MILLISECONDS);
      return probe;
    });
  }

  /** Stops checking every container not in {@code running}. */
  void retainOnly(Set<String> running) {
    probes.keySet().removeIf(id -> {
      if (running.contains(id)) {
        return false;
      }
      probes.get(id).schedule.cancel(false);
      return true;
    });
  }

  /** The health of a running container; {@code hasCheck} tells a container not yet tracked from one without check. */
  Health health(String containerId, boolean hasCheck) {
    Probe probe = probes.get(containerId);
    if (probe != null) {
      return probe.health;
    }
    return hasCheck ? Health.STARTING : Health.NONE;
  }

  private void check(Probe probe) {
    boolean passed = runCheck(probe);
    Instant now = clock.instant();
    if (passed) {
      probe.failures = 0;
      if (probe.health != Health.HEALTHY) {
        probe.health = Health.HEALTHY;
        events.container(ComputeEvents.CONTAINER_HEALTHY, probe.replica, probe.containerId, "health check passed");
      }
      return;
    }
    boolean starting = probe.health == Health.STARTING && now.isBefore(probe.since.plus(probe.plan.startPeriod()));
    if (starting) {
      return;
    }
    probe.failures++;
    if (probe.failures >= probe.plan.retries()) {
      probe.health = Health.UNHEALTHY;
      probe.schedule.cancel(false);
      probes.remove(probe.containerId, probe);
      events.container(ComputeEvents.CONTAINER_UNHEALTHY, probe.replica, probe.containerId,
          "health check failed " + probe.failures + " times in a row");
      onUnhealthy.accept(probe.replica, probe.containerId);
    }
  }

  private boolean runCheck(Probe probe) {
    try (ExecSession session = runtime.exec(probe.containerId,
        new ExecSpec(probe.plan.command(), Map.of(), false, false), (stream, chunk) -> { })) {
      return session.exitCode().get(probe.plan.timeout().toMillis(), TimeUnit.MILLISECONDS) == 0;
    } catch (TimeoutException | ExecutionException | ContainerRuntimeException e) {
      return false; // closing the session killed a check that outlived its timeout
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    probes.clear();
  }

  /** One container's checks; fields are only touched by its own scheduled runs, which never overlap. */
  private static final class Probe {
    final ReplicaName replica;
    final String containerId;
    final HealthcheckPlan plan;
    final Instant since;
    volatile Health health = Health.STARTING;
    int failures;
    volatile ScheduledFuture<?> schedule;

    Probe(ReplicaName replica, String containerId, HealthcheckPlan plan, Instant since) {
      this.replica = replica;
      this.containerId = containerId;
      this.plan = plan;
      this.since = since;
    }
  }
}
