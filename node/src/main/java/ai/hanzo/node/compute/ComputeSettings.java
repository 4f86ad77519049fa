package ai.hanzo.node.compute;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Engine settings: where named volumes live, how long Stop waits after SIGTERM before SIGKILL, and how often the
 * reconcile loop looks at every deployment even when nothing asked it to; the GPUs admission assigns.
 */
public record ComputeSettings(Path volumesDir, Duration stopGrace, Duration reconcileInterval,
    NodeCapacity capacity, GpuInventory gpus) {
  public ComputeSettings(Path volumesDir, Duration stopGrace, Duration reconcileInterval, NodeCapacity capacity) {
    this(volumesDir, stopGrace, reconcileInterval, capacity, GpuInventory.NONE);
  }

  /** These settings with {@code inventory} as the node's GPUs. */
  public ComputeSettings withGpus(GpuInventory inventory) {
    return new ComputeSettings(volumesDir, stopGrace, reconcileInterval, capacity, inventory);
  }

  public static ComputeSettings defaults(Path dataDir) {
    return new ComputeSettings(dataDir.resolve("volumes"), Duration.ofSeconds(10), Duration.ofSeconds(2),
        NodeCapacity.host());
  }
}
