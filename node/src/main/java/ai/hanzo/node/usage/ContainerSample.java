package ai.hanzo.node.usage;

import java.time.Instant;
import java.util.Objects;

/**
 * One reading of a running container's cumulative counters, with whose it is.
 *
 * @param org the owning organisation; {@code null} for none
 * @param startedAt when the container started, so the usage before its first sample is counted; {@code null} if
 *     unknown
 * @param at when the counters were read, or, for a container that stopped, when it stopped
 * @param running false for the last counters of a container that stopped: its memory is taken as unchanged until
 *     {@code at}, and counters lower than before meter nothing (runtimes that no longer have them answer zeros)
 * @param cpuNanos cumulative CPU time of the container's processes
 * @param gpus how many GPUs are assigned to the container (each counts its wall time as GPU-seconds)
 * @param rxBytes cumulative network bytes received, or {@link #UNREPORTED} when the runtime does not report them
 * @param txBytes cumulative network bytes sent, or {@link #UNREPORTED}
 */
public record ContainerSample(String containerId, String org, String deploymentId, String service, int replica,
    Instant startedAt, Instant at, boolean running, long cpuNanos, long memoryBytes, int gpus, long rxBytes,
    long txBytes) {

  /** A network counter the runtime does not report. */
  public static final long UNREPORTED = -1;

  public ContainerSample {
    Objects.requireNonNull(containerId, "containerId");
    Objects.requireNonNull(deploymentId, "deploymentId");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(at, "at");
    if (gpus < 0) {
      throw new IllegalArgumentException("a container holds no negative number of GPUs: " + gpus);
    }
  }

  /** A reading of CPU and memory of a container without GPUs, its network unreported. */
  public ContainerSample(String containerId, String org, String deploymentId, String service, int replica,
      Instant startedAt, Instant at, boolean running, long cpuNanos, long memoryBytes) {
    this(containerId, org, deploymentId, service, replica, startedAt, at, running, cpuNanos, memoryBytes, 0,
        UNREPORTED, UNREPORTED);
  }

  boolean networkReported() {
    return rxBytes >= 0 && txBytes >= 0;
  }
}
