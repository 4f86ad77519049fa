package ai.hanzo.node.metrics;

/**
 * Whether MLX can really run here: it needs Apple silicon (macOS on arm64), so the operator's {@code --mlx}
 * request alone never makes a Linux or Intel host report {@code mlx_enabled}.
 */
public final class MlxSupport {
  private MlxSupport() {}

  public static boolean usable(boolean requested, String osName, String osArch) {
    boolean mac = osName != null && osName.toLowerCase(java.util.Locale.ROOT).startsWith("mac");
    boolean arm = "aarch64".equals(osArch) || "arm64".equals(osArch);
    return requested && mac && arm;
  }
}
