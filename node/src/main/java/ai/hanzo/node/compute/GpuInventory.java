package ai.hanzo.node.compute;

import java.util.List;

/**
 * The GPUs this node has now. Cheap to call (the node refreshes the list off the event loop, by nvidia-smi, and
 * answers the last one it found).
 */
@FunctionalInterface
public interface GpuInventory {
  /** A node without GPUs. */
  GpuInventory NONE = List::of;

  List<GpuDevice> gpus();
}
