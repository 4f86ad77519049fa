package ai.hanzo.node.runtime;

/**
 * Hard limits; 0 means unlimited. {@code nanoCpus} is CPUs times 10^9 (1.5 CPUs = 1_500_000_000). {@code gpus}: the
 * NVIDIA GPUs the container is given, by index as nvidia-smi numbers them ({@code /dev/nvidia<index>}); empty: none.
 */
public record ResourceLimits(long memoryBytes, long nanoCpus, long pids, java.util.List<String> gpus) {
  public static final ResourceLimits NONE = new ResourceLimits(0, 0, 0);

  public ResourceLimits(long memoryBytes, long nanoCpus, long pids) {
    this(memoryBytes, nanoCpus, pids, java.util.List.of());
  }

  public ResourceLimits {
    gpus = gpus == null ? java.util.List.of() : java.util.List.copyOf(gpus);
    for (String gpu : gpus) {
      if (!gpu.matches("\\d{1,3}")) {
        throw ContainerRuntimeException.invalidSpec("a GPU is given by its index, not '" + gpu + "'");
      }
    }
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
    return pids > 0 || defaultPids <= 0 ? this : new ResourceLimits(memoryBytes, nanoCpus, defaultPids, gpus);
  }

  /** These limits with {@code indexes} as the GPUs. */
  public ResourceLimits withGpus(java.util.List<String> indexes) {
    return new ResourceLimits(memoryBytes, nanoCpus, pids, indexes);
  }

  public boolean any() {
    return memoryBytes > 0 || nanoCpus > 0 || pids > 0;
  }
}
