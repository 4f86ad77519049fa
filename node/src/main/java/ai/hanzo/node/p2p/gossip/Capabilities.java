package ai.hanzo.node.p2p.gossip;

import java.util.List;

/**
 * What a node can run, as its heartbeat announces it.
 *
 * @param models the models it serves: the names in its model store, loaded or not (a stored model loads on its
 *     first request, so every stored model is one it can answer for)
 */
public record Capabilities(int cpuCores, long memoryBytes, long diskBytes, List<Gpu> gpus, List<String> runtimes,
    List<String> models) {
  public Capabilities {
    gpus = List.copyOf(gpus);
    runtimes = List.copyOf(runtimes);
    models = List.copyOf(models);
  }

  /** Without models (a node that serves none). */
  public Capabilities(int cpuCores, long memoryBytes, long diskBytes, List<Gpu> gpus, List<String> runtimes) {
    this(cpuCores, memoryBytes, diskBytes, gpus, runtimes, List.of());
  }

  public record Gpu(String model, long memoryBytes) {}
}
