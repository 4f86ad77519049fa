package ai.hanzo.node.p2p.gossip;

import java.util.List;

/** What a node can run, as its heartbeat announces it. */
public record Capabilities(int cpuCores, long memoryBytes, long diskBytes, List<Gpu> gpus, List<String> runtimes) {
  public Capabilities {
    gpus = List.copyOf(gpus);
    runtimes = List.copyOf(runtimes);
  }

  public record Gpu(String model, long memoryBytes) {}
}
