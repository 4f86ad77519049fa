package ai.hanzo.node.runtime;

/** Hard limits; 0 means unlimited. {@code nanoCpus} is CPUs times 10^9 (1.5 CPUs = 1_500_000_000). */
public record ResourceLimits(long memoryBytes, long nanoCpus, long pids) {
  public static final ResourceLimits NONE = new ResourceLimits(0, 0, 0);

  public ResourceLimits {
    if (memoryBytes < 0 || nanoCpus < 0 || pids < 0) {
      throw ContainerRuntimeException.invalidSpec("resource limits must not be negative: memory=" + memoryBytes
          + " nanoCpus=" + nanoCpus + " pids=" + pids);
    }
  }

  /**
   * These limits, with {@code defaultPids} as the pids limit when they set none: a container without one could
   * fork until the host runs out of pids. {@code defaultPids} 0 leaves them as they are.
   */
  public ResourceLimits withDefaultPids(long defaultPids) {
    return pids > 0 || defaultPids <= 0 ? this : new ResourceLimits(memoryBytes, nanoCpus, defaultPids);
  }

  public boolean any() {
    return memoryBytes > 0 || nanoCpus > 0 || pids > 0;
  }
}
