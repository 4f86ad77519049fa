package ai.hanzo.node.usage;

import ai.hanzo.node.storage.ComputeUsageLog;
import ai.hanzo.node.storage.ComputeUsageRecord;
import ai.hanzo.node.storage.OpenUsageInterval;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Meters the compute each container uses, from the runtime's cumulative counters: every sample moves each running
 * container's open interval forward by the CPU time its counter grew by and the memory it held (the mean of two
 * readings times the time between them), closes intervals at each hour boundary and when a container is gone, and
 * saves all of that in one write ({@link ComputeUsageLog}). The open intervals are read back at start, so after a
 * {@code kill -9} the first sample takes up each interval where the last saved one left it: the CPU time used while
 * the node was down is in the counter's growth since, and nothing already saved is counted again.
 *
 * <p>Prometheus counters, per deployment: {@code hanzo_usage_cpu_seconds_total},
 * {@code hanzo_usage_memory_gib_seconds_total}. Blocking (writes RocksDB): called from the node's sampler thread.
 */
public final class ComputeMeter {
  private static final double GIB = 1024.0 * 1024 * 1024;

  private final ComputeUsageLog log;
  private final MeterRegistry meters;
  /** The open interval of every container this node meters, by container id, as last saved. */
  private final Map<String, OpenUsageInterval> open = new HashMap<>();

  public ComputeMeter(ComputeUsageLog log, MeterRegistry meters) {
    this.log = log;
    this.meters = meters;
    log.openIntervals().forEach(o -> open.put(o.containerId(), o));
  }

  /**
   * Takes one sample. Containers in {@code present} without a reading (not running, or the runtime could not read
   * them this time) keep their open interval as it is; those not in {@code present} are gone, and their intervals
   * close at their last reading.
   */
  public synchronized void record(List<ContainerSample> samples, Set<String> present) {
    List<ComputeUsageRecord> closed = new ArrayList<>();
    Map<String, OpenUsageInterval> moved = new LinkedHashMap<>();
    List<String> ended = new ArrayList<>();
    Map<String, double[]> growth = new HashMap<>();
    for (ContainerSample s : samples) {
      OpenUsageInterval before = open.getOrDefault(s.containerId(), opening(s));
      if (s.at().isAfter(before.lastSample())) {
        moved.put(s.containerId(), advance(before, s, closed, growth.computeIfAbsent(s.deploymentId(),
            d -> new double[2])));
      }
    }
    for (OpenUsageInterval o : open.values()) {
      if (!present.contains(o.containerId()) && !moved.containsKey(o.containerId())) {
        ended.add(o.containerId());
        if (o.lastSample().isAfter(o.start())) {
          closed.add(o.close());
        }
      }
    }
    log.save(closed, moved.values(), ended);
    // only what was saved is counted, and only once: a failed save leaves the old intervals to retry from
    count(growth);
    ended.forEach(open::remove);
    open.putAll(moved);
  }

  /** Containers metered now (those with an open interval). */
  public synchronized int metered() {
    return open.size();
  }

  /** The interval of a container seen for the first time: from its start, its counters then at zero. */
  private static OpenUsageInterval opening(ContainerSample s) {
    Instant start = s.startedAt() != null && s.startedAt().isBefore(s.at()) ? s.startedAt() : s.at();
    return new OpenUsageInterval(s.containerId(), s.org(), s.deploymentId(), s.service(), s.replica(), start, start,
        0, s.memoryBytes(), 0, 0);
  }

  /**
   * {@code o} moved to sample {@code s}; the intervals it closes at hour boundaries on the way go to {@code closed}.
   * Growth between two readings is spread evenly over the time between them, and added to {@code growth} (CPU
   * seconds, GiB x seconds).
   */
  private static OpenUsageInterval advance(OpenUsageInterval o, ContainerSample s, List<ComputeUsageRecord> closed,
      double[] growth) {
    // a counter of a running container that went down was reset (its processes restarted in a new cgroup): all of
    // it is new; a stopped container's lower counter is a runtime that no longer has it
    long cpu = s.cpuNanos() >= o.lastCpuNanos() ? s.cpuNanos() - o.lastCpuNanos() : s.running() ? s.cpuNanos() : 0;
    long counter = s.running() || s.cpuNanos() >= o.lastCpuNanos() ? s.cpuNanos() : o.lastCpuNanos();
    double meanGib = (s.running() ? (o.lastMemoryBytes() + s.memoryBytes()) / 2.0 : o.lastMemoryBytes()) / GIB;
    double span = Duration.between(o.lastSample(), s.at()).toNanos();
    growth[0] += cpu / 1e9;
    growth[1] += meanGib * span / 1e9;
    long cpuLeft = cpu;
    OpenUsageInterval current = o;
    while (true) {
      Instant boundary = current.start().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
      Instant to = boundary.isBefore(s.at()) ? boundary : s.at();
      double share = Duration.between(current.lastSample(), to).toNanos() / span;
      long cpuPart = to.equals(s.at()) ? cpuLeft : Math.min(cpuLeft, Math.round(cpu * share));
      cpuLeft -= cpuPart;
      double memoryPart = meanGib * Duration.between(current.lastSample(), to).toNanos() / 1e9;
      current = new OpenUsageInterval(o.containerId(), o.org(), o.deploymentId(), o.service(), o.replica(),
          current.start(), to, counter, s.memoryBytes(), current.cpuNanos() + cpuPart,
          current.memoryGibSeconds() + memoryPart);
      if (to.equals(s.at())) {
        return current;
      }
      closed.add(current.close());
      current = new OpenUsageInterval(o.containerId(), o.org(), o.deploymentId(), o.service(), o.replica(),
          boundary, boundary, counter, s.memoryBytes(), 0, 0);
    }
  }

  private void count(Map<String, double[]> growth) {
    growth.forEach((deployment, g) -> {
      Counter.builder("hanzo.usage.cpu.seconds").description("CPU time containers used, by deployment")
          .tag("deployment", deployment).register(meters).increment(g[0]);
      Counter.builder("hanzo.usage.memory.gib.seconds")
          .description("memory containers held over time, by deployment, in GiB x seconds")
          .tag("deployment", deployment).register(meters).increment(g[1]);
    });
  }
}
