package ai.hanzo.node.metrics;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.IntSupplier;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.hardware.NetworkIF;

/**
 * Host metrics from OSHI. CPU load is measured between two consecutive calls (the first call measures since
 * boot), so callers should sample at a steady interval, as {@link HostMetricsSampler} does. Not thread-safe.
 */
public final class OshiHostMetrics implements HostMetricsSource {
  private final CentralProcessor cpu;
  private final GlobalMemory memory;
  private final List<NetworkIF> interfaces;
  private final Path dataDir;
  private final IntSupplier activeContainers;
  private final Clock clock;
  private long[] previousTicks;

  public OshiHostMetrics(Path dataDir, IntSupplier activeContainers, Clock clock) {
    SystemInfo system = new SystemInfo();
    this.cpu = system.getHardware().getProcessor();
    this.memory = system.getHardware().getMemory();
    // false: without loopback, so local API traffic does not count as network traffic.
    this.interfaces = system.getHardware().getNetworkIFs(false);
    this.dataDir = dataDir;
    this.activeContainers = activeContainers;
    this.clock = clock;
    this.previousTicks = cpu.getSystemCpuLoadTicks();
  }

  @Override
  public HostMetricsSample sample() {
    long[] ticks = cpu.getSystemCpuLoadTicks();
    double cpuLoad = cpu.getSystemCpuLoadBetweenTicks(previousTicks);
    previousTicks = ticks;
    long total = memory.getTotal();
    double memoryUsed = total <= 0 ? 0 : (double) (total - memory.getAvailable()) / total;
    long rx = 0;
    long tx = 0;
    for (NetworkIF nif : interfaces) {
      nif.updateAttributes();
      rx += Math.max(0, nif.getBytesRecv());
      tx += Math.max(0, nif.getBytesSent());
    }
    return new HostMetricsSample(clock.instant(), HostMetricsSample.fraction(cpuLoad),
        HostMetricsSample.fraction(memoryUsed), diskUsage(), rx, tx, activeContainers.getAsInt());
  }

  /** Usage of the volume holding the data directory (its nearest existing ancestor before the first start). */
  private double diskUsage() {
    Path p = dataDir.toAbsolutePath();
    while (p != null && !Files.exists(p)) {
      p = p.getParent();
    }
    if (p == null) {
      return 0;
    }
    try {
      FileStore store = Files.getFileStore(p);
      long totalSpace = store.getTotalSpace();
      return totalSpace <= 0 ? 0 : HostMetricsSample.fraction(
          (double) (totalSpace - store.getUnallocatedSpace()) / totalSpace);
    } catch (IOException e) {
      return 0;
    }
  }
}
