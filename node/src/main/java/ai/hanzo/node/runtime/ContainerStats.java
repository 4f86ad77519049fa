package ai.hanzo.node.runtime;

/**
 * Resource use of a container now: cumulative CPU time, resident memory, the number of processes, and cumulative
 * network bytes received and sent over the container's own interfaces ({@link #UNREPORTED} when the runtime cannot
 * tell: the docker runtime reports them for containers with a network of their own; the process and runc runtimes
 * report none, as their containers share the host's network namespace, where traffic is not the container's alone).
 */
public record ContainerStats(String id, long cpuNanos, long memoryBytes, long pids, long rxBytes, long txBytes) {
  /** A network counter the runtime does not report. */
  public static final long UNREPORTED = -1;

  /** Stats without network counters. */
  public ContainerStats(String id, long cpuNanos, long memoryBytes, long pids) {
    this(id, cpuNanos, memoryBytes, pids, UNREPORTED, UNREPORTED);
  }
}
