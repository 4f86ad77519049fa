package ai.hanzo.node.app;

import ai.hanzo.node.metrics.HostMetricsSample;
import ai.hanzo.node.metrics.HostMetricsSampler;
import ai.hanzo.node.p2p.gossip.Capabilities;
import ai.hanzo.node.p2p.gossip.LocalNode;
import ai.hanzo.node.p2p.gossip.MetricsSummary;
import ai.hanzo.node.p2p.gossip.PayloadLimits;
import ai.hanzo.node.p2p.gossip.PlacementFacts;
import ai.hanzo.node.runtime.ContainerRuntime;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/** This node as its gossip announcements describe it, read from the compute runtime, host metrics and the API. */
final class NodeDescription implements LocalNode {
  private final String nodeId;
  private final Supplier<String> state;
  private final ContainerRuntime runtime;
  private final HostMetricsSampler sampler;
  private final Path dataDir;
  private final Supplier<List<String>> endpoints;
  private final Supplier<List<Capabilities.Gpu>> detectGpus;
  private final Supplier<List<String>> models;
  private final Supplier<String> operator;
  private final Supplier<PlacementFacts> placement;
  private final Supplier<List<String>> p2pAddresses;
  private volatile List<Capabilities.Gpu> gpus;
  private volatile List<String> lastModels = List.of();

  /**
   * @param detectGpus run once, on the first {@link #capabilities()} (a periodic gossip task), not at start-up:
   *     it may run {@code nvidia-smi}, and GPUs do not come and go while the node runs
   * @param models the names in the model store, read at each announcement (it reads a directory: gossip and DHT
   *     tasks call this on the p2p scheduler, never on an event loop)
   * @param operator the operator this node's keystore signs for, empty when none (read at each heartbeat)
   * @param placement region, labels, cordon and unreserved capacity (read at each heartbeat: it reads RocksDB, on
   *     the p2p scheduler)
   * @param p2pAddresses the libp2p addresses peers can dial (read at each heartbeat)
   */
  NodeDescription(String nodeId, Supplier<String> state, ContainerRuntime runtime,
      HostMetricsSampler sampler, Path dataDir, Supplier<List<String>> endpoints,
      Supplier<List<Capabilities.Gpu>> detectGpus, Supplier<List<String>> models, Supplier<String> operator,
      Supplier<PlacementFacts> placement, Supplier<List<String>> p2pAddresses) {
    this.operator = operator;
    this.p2pAddresses = p2pAddresses;
    this.placement = placement;
    this.nodeId = nodeId;
    this.state = state;
    this.runtime = runtime;
    this.sampler = sampler;
    this.dataDir = dataDir;
    this.endpoints = endpoints;
    this.detectGpus = detectGpus;
    this.models = models;
  }

  @Override
  public String nodeId() {
    return nodeId;
  }

  @Override
  public String operatorAddress() {
    return operator.get();
  }

  @Override
  public List<String> p2pAddresses() {
    return p2pAddresses.get();
  }

  @Override
  public PlacementFacts placement() {
    return placement.get();
  }

  @Override
  public String state() {
    return state.get();
  }

  @Override
  public Capabilities capabilities() {
    long memory = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getTotalMemorySize() : 0;
    return new Capabilities(Runtime.getRuntime().availableProcessors(), memory, diskBytes(), gpus(), runtimes(),
        models());
  }

  /** The container runtime this node runs deployments with, when it is available. */
  List<String> runtimes() {
    return runtime.available().available() ? List.of(runtime.name()) : List.of();
  }

  /** The store's model names; the last ones read when the store cannot be read now (no flapping providers). */
  private List<String> models() {
    try {
      List<String> names = models.get();
      lastModels = List.copyOf(names.subList(0, Math.min(names.size(), PayloadLimits.MAX_ENTRIES)));
    } catch (RuntimeException e) {
      // Unreadable for a moment (e.g. a model being added): keep announcing what was there.
    }
    return lastModels;
  }

  private List<Capabilities.Gpu> gpus() {
    if (gpus == null) {
      synchronized (this) {
        if (gpus == null) {
          gpus = List.copyOf(detectGpus.get());
        }
      }
    }
    return gpus;
  }

  private long diskBytes() {
    try {
      return Files.getFileStore(dataDir).getTotalSpace();
    } catch (IOException e) {
      return 0;
    }
  }

  @Override
  public MetricsSummary metrics() {
    return sampler.current().map(NodeDescription::summary).orElse(MetricsSummary.NONE);
  }

  private static MetricsSummary summary(HostMetricsSample s) {
    return new MetricsSummary(s.cpuUsage(), s.memoryUsage(), s.diskUsage(), s.activeContainers());
  }

  @Override
  public List<String> apiEndpoints() {
    return endpoints.get();
  }
}
