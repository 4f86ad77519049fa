package ai.hanzo.node.runtime.process;

/** What a container's cgroups measured: cumulative cpu time, current memory and the number of its processes. */
record CgroupUsage(long cpuNanos, long memoryBytes, long pids) {}
