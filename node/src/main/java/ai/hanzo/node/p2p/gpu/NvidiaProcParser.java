package ai.hanzo.node.p2p.gpu;

import java.util.Optional;

/**
 * Reads one {@code /proc/driver/nvidia/gpus/<pci-address>/information} file of the NVIDIA kernel driver
 * ({@code Model: Tesla T4}, {@code GPU UUID: GPU-…}, …). It does not tell the memory size.
 */
final class NvidiaProcParser {
  private NvidiaProcParser() {}

  /** The GPU described, or empty when the file names no model. */
  static Optional<DetectedGpu> parse(String information) {
    String model = "";
    String uuid = "";
    for (String line : information.split("\\R")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String key = line.substring(0, colon).strip();
      String value = line.substring(colon + 1).strip();
      if (key.equals("Model")) {
        model = value;
      } else if (key.equals("GPU UUID")) {
        uuid = value;
      }
    }
    return model.isEmpty() ? Optional.empty() : Optional.of(new DetectedGpu(DetectedGpu.Vendor.NVIDIA, model, 0, uuid));
  }
}
