package ai.hanzo.node.registry;

import java.util.List;

/** What a registered node says it can run. */
public record NodeCapabilities(
    long cpuCores, long memoryBytes, long diskBytes, List<Gpu> gpus, boolean mlxEnabled,
    List<String> supportedRuntimes, String region, String zone) {
  public static final NodeCapabilities NONE = new NodeCapabilities(0, 0, 0, List.of(), false, List.of(), "", "");

  public NodeCapabilities {
    gpus = List.copyOf(gpus);
    supportedRuntimes = List.copyOf(supportedRuntimes);
  }

  public record Gpu(String model, long memoryBytes, String driverVersion) {}
}
