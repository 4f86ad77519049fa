package ai.hanzo.node.p2p.gpu;

import java.util.Optional;

/**
 * Reads the files of one {@code /sys/class/drm/card<N>/device} directory: {@code vendor} (AMD is {@code 0x1002}),
 * {@code device}, {@code product_name} (only some boards and kernels have it) and {@code mem_info_vram_total}
 * (bytes, amdgpu only).
 */
final class AmdSysfsParser {
  static final String AMD_VENDOR = "0x1002";

  private AmdSysfsParser() {}

  /**
   * @param productName the {@code product_name} file's content, or empty when unreadable
   * @param vramTotal the {@code mem_info_vram_total} file's content, or empty
   * @param pciAddress the device's PCI address (the name the {@code device} link points to)
   */
  static Optional<DetectedGpu> parse(String vendor, String deviceId, String productName, String vramTotal,
      String pciAddress) {
    if (!vendor.strip().equalsIgnoreCase(AMD_VENDOR)) {
      return Optional.empty();
    }
    String model = productName.strip().isEmpty() ? "AMD " + deviceId.strip() : productName.strip();
    if (model.equals("AMD ")) {
      return Optional.empty();
    }
    return Optional.of(new DetectedGpu(DetectedGpu.Vendor.AMD, model, bytes(vramTotal), pciAddress));
  }

  private static long bytes(String text) {
    String t = text.strip();
    if (t.isEmpty() || t.length() > 19 || !t.chars().allMatch(Character::isDigit)) {
      return 0;
    }
    try {
      return Long.parseLong(t);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
