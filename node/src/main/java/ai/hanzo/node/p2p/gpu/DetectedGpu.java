package ai.hanzo.node.p2p.gpu;

/**
 * One GPU found on this host.
 *
 * @param model the marketing name as the driver reports it, usable in a {@code gpu/<model>} provider key
 * @param memoryBytes its memory, or 0 when the source does not tell
 * @param id the driver's stable id (an NVIDIA {@code GPU-…} UUID, or a PCI address), or empty
 * @param index nvidia-smi's index (the {@code N} of {@code /dev/nvidiaN}), or -1 when the source does not tell
 */
public record DetectedGpu(Vendor vendor, String model, long memoryBytes, String id, int index) {
  public enum Vendor { NVIDIA, AMD }

  public DetectedGpu(Vendor vendor, String model, long memoryBytes, String id) {
    this(vendor, model, memoryBytes, id, -1);
  }

  public DetectedGpu {
    // A provider key is gpu/<model>: no slash inside, no leading blank.
    model = model.strip().replace('/', '-');
    if (model.isEmpty()) {
      throw new IllegalArgumentException("a GPU model must not be empty");
    }
    if (memoryBytes < 0) {
      throw new IllegalArgumentException("GPU memory must be >= 0, got " + memoryBytes);
    }
  }
}
