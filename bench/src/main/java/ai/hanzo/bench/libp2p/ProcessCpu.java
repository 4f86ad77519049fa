package ai.hanzo.bench.libp2p;

import java.lang.management.ManagementFactory;

/**
 * CPU time of the processes at both ends of a transfer. On a shared machine throughput mostly
 * says how much CPU the scheduler granted; CPU time per byte says what the stacks cost, whatever
 * the load, and compares Java with js on equal terms.
 */
final class ProcessCpu {
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private ProcessCpu() {}

  /** Nanoseconds of CPU this JVM used so far, all threads (event loops, GC, JIT). */
  static long jvmNanos() {
    return OS.getProcessCpuTime();
  }

  /** Milliseconds of CPU per GiB for {@code nanos} spent moving {@code bytes}. */
  static double msPerGib(long nanos, long bytes) {
    return nanos / 1e6 / (bytes / (double) (1L << 30));
  }
}
