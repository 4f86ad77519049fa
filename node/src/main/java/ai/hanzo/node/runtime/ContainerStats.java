package ai.hanzo.node.runtime;

/**
 * Resource use of a container now: cumulative CPU time, resident memory, the number of processes, and cumulative
 * network bytes received and sent over the container's own interfaces, or {@link #UNREPORTED} when the runtime cannot
 * tell them from the host's. The docker runtime reports them for a container with a network namespace of its own
 * (zero for one without a network); a container on the host's network (what this node's runtimes create unless told
 * {@code network_mode: none}) and the process and runc runtimes report none, as their containers' traffic goes over
 * the host's interfaces and is not the container's alone.
 */
public record ContainerStats(String id, long cpuNanos, long memoryBytes, long pids, long rxBytes, long txBytes) {
  /** A network counter the runtime does not report. */
  public static final long UNREPORTED = -1;

  /** Stats without network counters. */
  public ContainerStats(String id, long cpuNanos, long memoryBytes, long pids) {
    this(id, cpuNanos, memoryBytes, pids, UNREPORTED, UNREPORTED);
  }
}
