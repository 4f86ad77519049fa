package ai.hanzo.node.app;

import ai.hanzo.node.compute.GpuDevice;
import ai.hanzo.node.compute.GpuInventory;
import ai.hanzo.node.p2p.gossip.Capabilities;
import ai.hanzo.node.p2p.gpu.DetectedGpu;
import ai.hanzo.node.p2p.gpu.GpuDetector;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's GPUs for admission and heartbeats: the NVIDIA GPUs nvidia-smi lists (those it numbers, since a
 * container is given {@code /dev/nvidia<index>}), found at start and again by {@link #refresh()} on the compute
 * wiring's own thread, never on an event loop (nvidia-smi may take seconds). Answers the last list it found.
 */
final class NodeGpus implements GpuInventory {
  private static final Logger log = LoggerFactory.getLogger(NodeGpus.class);
  private final GpuDetector detector;
  private volatile List<DetectedGpu> detected = List.of();
  private volatile List<GpuDevice> devices = List.of();

  NodeGpus(GpuDetector detector) {
    this.detector = detector;
  }

  /** Runs the detector (blocking: nvidia-smi); logs when what it finds changed. */
  void refresh() {
    List<DetectedGpu> found = detector.detect();
    if (found.isEmpty() && !devices.isEmpty()) {
      // nvidia-smi answering nothing once is far more often a slow or busy driver than GPUs leaving the machine.
      log.warn("nvidia-smi found no GPU this time; keeping the {} found before", devices.size());
      return;
    }
    List<GpuDevice> now = found.stream().filter(g -> g.vendor() == DetectedGpu.Vendor.NVIDIA && g.index() >= 0)
        .map(g -> new GpuDevice(Integer.toString(g.index()), g.id(), g.model(), g.memoryBytes())).toList();
    if (!Objects.equals(now, devices)) {
      log.info("GPUs for deployments: {}", now.isEmpty() ? "none" : now);
    }
    detected = List.copyOf(found);
    devices = now;
  }

  @Override
  public List<GpuDevice> gpus() {
    return devices;
  }

  /** Every GPU found (AMD ones too), as the heartbeat's capabilities list them. */
  List<Capabilities.Gpu> capabilities() {
    return detected.stream().map(g -> new Capabilities.Gpu(g.model(), g.memoryBytes())).toList();
  }
}
