package ai.hanzo.node.compute;

import ai.hanzo.node.runtime.ContainerRuntime;
import ai.hanzo.node.runtime.ContainerRuntimeException;
import ai.hanzo.node.runtime.ContainerState;
import ai.hanzo.node.runtime.ContainerStats;
import ai.hanzo.node.storage.MetricSample;
import ai.hanzo.node.storage.MetricsHistory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.util.ArrayList;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples cpu, memory and pids of every running container of this node's deployments: each sample goes to the
 * metrics history as series {@code container/<deployment>/<service>/<replica>/cpu|memory|pids} and to Prometheus as
 * {@code hanzo_container_cpu_usage}, {@code hanzo_container_memory_bytes} and {@code hanzo_container_pids} with
 * deployment, service, replica and container labels. CPU is the share of one core since the previous sample.
 */
public final class ContainerMetrics {
  private static final Logger log = LoggerFactory.getLogger(ContainerMetrics.class);

  private final ContainerRuntime runtime;
  private final String nodeId;
  private final MetricsHistory history;
  private final Clock clock;
  private final MultiGauge cpu;
  private final MultiGauge memory;
  private final MultiGauge pids;
  private final Map<String, long[]> previousCpu = new HashMap<>();
  /** Stopped containers whose last counters were read once already (a stopped container's do not change). */
  private final Set<String> finallyRead = new HashSet<>();

  public ContainerMetrics(ContainerRuntime runtime, String nodeId, MetricsHistory history,
      MeterRegistry meters, Clock clock) {
    this.runtime = runtime;
    this.nodeId = nodeId;
    this.history = history;
    this.clock = clock;
    this.cpu = MultiGauge.builder("hanzo.container.cpu.usage").baseUnit("ratio")
        .description("CPU used by a container since the previous sample, in cores").register(meters);
    this.memory = MultiGauge.builder("hanzo.container.memory").baseUnit("bytes")
        .description("Memory a container uses").register(meters);
    this.pids = MultiGauge.builder("hanzo.container.pids").description("Processes in a container").register(meters);
  }

  /**
   * What one sample read: the readings of the running containers of this node's deployments (and, once, the last
   * counters of each that stopped), and the ids of all this node's containers (running or not) that exist now.
   */
  public record Sample(Instant at, List<Reading> readings, Set<String> present) {
  }

  /** One container's counters (a running one's, or a stopped one's last), and the replica it is. */
  public record Reading(ContainerState container, ReplicaName replica, ContainerStats stats) {
  }

  /** One sample of every running container; containers that went away drop out of Prometheus. */
  public synchronized Sample sample() {
    long now = clock.millis();
    List<Reading> readings = new ArrayList<>();
    Set<String> present = new HashSet<>();
    List<MultiGauge.Row<?>> cpuRows = new ArrayList<>();
    List<MultiGauge.Row<?>> memoryRows = new ArrayList<>();
    List<MultiGauge.Row<?>> pidRows = new ArrayList<>();
    List<MetricSample> samples = new ArrayList<>();
    Map<String, long[]> seen = new HashMap<>();
    for (ContainerState c : runtime.list(Map.of(ReplicaName.NODE_LABEL, nodeId))) {
      present.add(c.id());
      Optional<ReplicaName> replica = ReplicaName.fromLabels(c.labels());
      if (replica.isEmpty()) {
        continue;
      }
      if (!c.running()) {
        finalReading(c, replica.get()).ifPresent(readings::add);
        continue;
      }
      ContainerStats stats;
      try {
        stats = runtime.stats(c.id());
      } catch (ContainerRuntimeException e) {
        log.debug("No stats for {}: {}", c.id(), e.getMessage());
        continue;
      }
      ReplicaName r = replica.get();
      readings.add(new Reading(c, r, stats));
      String series = "container/" + r.deploymentId() + "/" + r.service() + "/" + r.replica() + "/";
      Tags tags = Tags.of("deployment", r.deploymentId(), "service", r.service(),
          "replica", Integer.toString(r.replica()), "container", c.id());
      long[] before = previousCpu.get(c.id());
      seen.put(c.id(), new long[] {stats.cpuNanos(), now});
      if (before != null && now > before[1]) {
        double cores = Math.max(0, stats.cpuNanos() - before[0]) / ((now - before[1]) * 1e6);
        cpuRows.add(MultiGauge.Row.of(tags, cores));
        samples.add(new MetricSample(series + "cpu", now, cores));
      }
      memoryRows.add(MultiGauge.Row.of(tags, stats.memoryBytes()));
      pidRows.add(MultiGauge.Row.of(tags, stats.pids()));
      samples.add(new MetricSample(series + "memory", now, stats.memoryBytes()));
      samples.add(new MetricSample(series + "pids", now, stats.pids()));
    }
    previousCpu.clear();
    previousCpu.putAll(seen);
    finallyRead.retainAll(present);
    cpu.register(cpuRows, true);
    memory.register(memoryRows, true);
    pids.register(pidRows, true);
    if (!samples.isEmpty()) {
      history.recordAll(samples);
    }
    return new Sample(Instant.ofEpochMilli(now), readings, present);
  }

  /**
   * The last reading of a container about to be removed (stopped by now, so its counters are final), or empty when
   * the runtime has no state or counters for it any more; the sampler then reads it no more.
   */
  public synchronized Optional<Reading> lastReading(String containerId) {
    try {
      ContainerState c = runtime.inspect(containerId);
      Optional<ReplicaName> replica = ReplicaName.fromLabels(c.labels());
      if (replica.isEmpty()) {
        return Optional.empty();
      }
      finallyRead.add(containerId);
      return Optional.of(new Reading(c, replica.get(), runtime.stats(containerId)));
    } catch (ContainerRuntimeException e) {
      log.debug("No last stats for {}: {}", containerId, e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * The counters of a container that stopped, read once, so that what it used between the last sample and its end is
   * not lost (a runtime that no longer has them answers zeros, which meter nothing).
   */
  private Optional<Reading> finalReading(ContainerState c, ReplicaName replica) {
    if (!finallyRead.add(c.id())) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Reading(c, replica, runtime.stats(c.id())));
    } catch (ContainerRuntimeException e) {
      log.debug("No final stats for {}: {}", c.id(), e.getMessage());
      return Optional.empty();
    }
  }
}
