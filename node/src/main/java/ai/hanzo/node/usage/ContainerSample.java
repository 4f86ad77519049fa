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
 */
public record ContainerSample(String containerId, String org, String deploymentId, String service, int replica,
    Instant startedAt, Instant at, boolean running, long cpuNanos, long memoryBytes) {

  public ContainerSample {
    Objects.requireNonNull(containerId, "containerId");
    Objects.requireNonNull(deploymentId, "deploymentId");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(at, "at");
  }
}
