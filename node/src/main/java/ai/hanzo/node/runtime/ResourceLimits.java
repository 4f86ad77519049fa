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

  public boolean any() {
    return memoryBytes > 0 || nanoCpus > 0 || pids > 0;
  }
}
