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
 * {@code hanzo_usage_memory_gib_seconds_total}, {@code hanzo_usage_gpu_seconds_total} (assigned GPUs x wall time),
 * {@code hanzo_usage_network_receive_bytes_total} and {@code hanzo_usage_network_transmit_bytes_total} (where the
 * runtime reports network counters; see {@link ContainerSample}). Blocking (writes RocksDB): called from the node's sampler thread.
 */
public final class ComputeMeter {
  private static final double GIB = 1024.0 * 1024 * 1024;

  private final ComputeUsageLog log;
  private final MeterRegistry meters;
  /** The open interval of every container this node meters, by container id, as last saved. */
  private final Map<String, OpenUsageInterval> open = new HashMap<>();
  /**
   * Containers whose last interval {@link #removed} closed: a sample read before their removal but recorded after
   * it must not open them again (that would count their whole life twice). Forgotten once a sample no longer
   * lists them, so it stays as small as the containers removed within one sample.
   */
  private final java.util.Set<String> closedForGood = new java.util.HashSet<>();

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
    closedForGood.retainAll(present);
    for (ContainerSample s : samples) {
      if (closedForGood.contains(s.containerId())) {
        continue;
      }
      OpenUsageInterval before = open.getOrDefault(s.containerId(), opening(s));
      if (s.at().isAfter(before.lastSample())) {
        moved.put(s.containerId(), advance(before, s, closed, growth.computeIfAbsent(s.deploymentId(),
            d -> new double[5])));
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

  /**
   * Meters the tail of a container about to be removed: its open interval (or, for one never sampled, an interval
   * from its start) moves to {@code last}, its final counters, and closes, in one write with the end of its open
   * interval; the samples that follow leave it alone. Without this, up to one sample interval of a removed
   * container's use would be lost. Exactly once across a {@code kill -9}: before the write the open interval stays
   * as the last sample saved it (and the next start closes it there), after it the interval is closed and gone.
   */
  public synchronized void removed(ContainerSample last) {
    if (closedForGood.contains(last.containerId())) {
      return;
    }
    OpenUsageInterval before = open.getOrDefault(last.containerId(), opening(last));
    List<ComputeUsageRecord> closed = new ArrayList<>();
    Map<String, double[]> growth = new HashMap<>();
    OpenUsageInterval end = before;
    if (last.at().isAfter(before.lastSample())) {
      end = advance(before, last, closed, growth.computeIfAbsent(last.deploymentId(), d -> new double[5]));
    }
    if (end.lastSample().isAfter(end.start())) {
      closed.add(end.close());
    }
    log.save(closed, List.of(), List.of(last.containerId()));
    count(growth);
    open.remove(last.containerId());
    closedForGood.add(last.containerId());
  }

  /** Containers metered now (those with an open interval). */
  public synchronized int metered() {
    return open.size();
  }

  /**
   * The interval of a container seen for the first time: from its start, its counters then at zero (network counters
   * too, when the runtime reports them; else unreported, and the first reported ones are the base).
   */
  private static OpenUsageInterval opening(ContainerSample s) {
    Instant start = s.startedAt() != null && s.startedAt().isBefore(s.at()) ? s.startedAt() : s.at();
    long network = s.networkReported() ? 0 : OpenUsageInterval.UNREPORTED;
    return new OpenUsageInterval(s.containerId(), s.org(), s.deploymentId(), s.service(), s.replica(), start, start,
        0, s.memoryBytes(), 0, 0, 0, network, network, 0, 0);
  }

  /**
   * {@code o} moved to sample {@code s}; the intervals it closes at hour boundaries on the way go to {@code closed}.
   * Growth between two readings is spread evenly over the time between them, and added to {@code growth} (CPU
   * seconds, GiB x seconds, GPU-seconds, bytes received, bytes sent). GPU-seconds are the GPUs assigned to the
   * container at {@code s} times the wall time since the last sample: a container keeps its GPUs for its life (the
   * orchestrator replaces a replica whose assignment changes), so the count at either end is the same.
   */
  private static OpenUsageInterval advance(OpenUsageInterval o, ContainerSample s, List<ComputeUsageRecord> closed,
      double[] growth) {
    long[] cpu = Counters.growth(o.lastCpuNanos(), s.cpuNanos(), s.running());
    long[] rx = Counters.growth(o.lastRxBytes(), s.rxBytes(), s.running());
    long[] tx = Counters.growth(o.lastTxBytes(), s.txBytes(), s.running());
    double meanGib = (s.running() ? (o.lastMemoryBytes() + s.memoryBytes()) / 2.0 : o.lastMemoryBytes()) / GIB;
    double span = Duration.between(o.lastSample(), s.at()).toNanos();
    growth[0] += cpu[0] / 1e9;
    growth[1] += meanGib * span / 1e9;
    growth[2] += s.gpus() * span / 1e9;
    growth[3] += rx[0];
    growth[4] += tx[0];
    long cpuLeft = cpu[0];
    long rxLeft = rx[0];
    long txLeft = tx[0];
    OpenUsageInterval current = o;
    while (true) {
      Instant boundary = current.start().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
      Instant to = boundary.isBefore(s.at()) ? boundary : s.at();
      boolean last = to.equals(s.at());
      long nanos = Duration.between(current.lastSample(), to).toNanos();
      double share = nanos / span;
      long cpuPart = Counters.part(cpu[0], cpuLeft, share, last);
      long rxPart = Counters.part(rx[0], rxLeft, share, last);
      long txPart = Counters.part(tx[0], txLeft, share, last);
      cpuLeft -= cpuPart;
      rxLeft -= rxPart;
      txLeft -= txPart;
      current = new OpenUsageInterval(o.containerId(), o.org(), o.deploymentId(), o.service(), o.replica(),
          current.start(), to, cpu[1], s.memoryBytes(), current.cpuNanos() + cpuPart,
          current.memoryGibSeconds() + meanGib * nanos / 1e9, current.gpuSeconds() + s.gpus() * nanos / 1e9, rx[1],
          tx[1], current.rxBytes() + rxPart, current.txBytes() + txPart);
      if (last) {
        return current;
      }
      closed.add(current.close());
      current = new OpenUsageInterval(o.containerId(), o.org(), o.deploymentId(), o.service(), o.replica(),
          boundary, boundary, cpu[1], s.memoryBytes(), 0, 0, 0, rx[1], tx[1], 0, 0);
    }
  }

  private void count(Map<String, double[]> growth) {
    growth.forEach((deployment, g) -> {
      Counter.builder("hanzo.usage.cpu.seconds").description("CPU time containers used, by deployment")
          .tag("deployment", deployment).register(meters).increment(g[0]);
      Counter.builder("hanzo.usage.memory.gib.seconds")
          .description("memory containers held over time, by deployment, in GiB x seconds")
          .tag("deployment", deployment).register(meters).increment(g[1]);
      Counter.builder("hanzo.usage.gpu.seconds")
          .description("GPUs assigned to containers times wall time, by deployment, in GPU-seconds")
          .tag("deployment", deployment).register(meters).increment(g[2]);
      Counter.builder("hanzo.usage.network.receive.bytes").baseUnit("bytes")
          .description("network bytes containers received, by deployment (runtimes that report them)")
          .tag("deployment", deployment).register(meters).increment(g[3]);
      Counter.builder("hanzo.usage.network.transmit.bytes").baseUnit("bytes")
          .description("network bytes containers sent, by deployment (runtimes that report them)")
          .tag("deployment", deployment).register(meters).increment(g[4]);
    });
  }
}
