package ai.hanzo.node.runtime;

/** Resource use of a container now: cumulative CPU time, resident memory and the number of processes. */
public record ContainerStats(String id, long cpuNanos, long memoryBytes, long pids) {}
