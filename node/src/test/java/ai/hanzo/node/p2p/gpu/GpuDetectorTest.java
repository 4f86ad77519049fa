package ai.hanzo.node.p2p.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.p2p.gossip.Capabilities;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Detection over a fake {@code /proc} and {@code /sys} tree and a fake {@code nvidia-smi}. */
class GpuDetectorTest {
  private static final CommandOutput NO_NVIDIA_SMI = (command, timeout) -> Optional.empty();

  @TempDir
  Path root;

  @Test
  void aHostWithoutGpusHasNone() {
    assertThat(new GpuDetector(root, NO_NVIDIA_SMI).detect()).isEmpty();
    assertThat(new GpuDetector(root, NO_NVIDIA_SMI).detectForCapabilities()).isEmpty();
  }

  @Test
  void nvidiaSmiIsAskedForIndexUuidNameAndMemoryAndWinsOverTheDriverFiles() throws IOException {
    write("proc/driver/nvidia/gpus/0000:00:1e.0/information", GpuParsersTest.sample("nvidia-proc-information.txt"));
    AtomicReference<List<String>> asked = new AtomicReference<>();
    CommandOutput smi = (command, timeout) -> {
      asked.set(command);
      return Optional.of("0, GPU-aa, NVIDIA A10G, 23028 MiB\n");
    };
    assertThat(new GpuDetector(root, smi).detectForCapabilities())
        .containsExactly(new Capabilities.Gpu("NVIDIA A10G", 23028L << 20));
    assertThat(asked.get()).containsExactly("nvidia-smi", "--query-gpu=index,uuid,name,memory.total",
        "--format=csv,noheader");
  }

  @Test
  void withoutNvidiaSmiTheDriverFilesAreRead() throws IOException {
    write("proc/driver/nvidia/gpus/0000:00:1e.0/information", GpuParsersTest.sample("nvidia-proc-information.txt"));
    write("proc/driver/nvidia/gpus/0000:00:1f.0/information", "Model: \t Tesla T4\n");
    assertThat(new GpuDetector(root, NO_NVIDIA_SMI).detect()).extracting(DetectedGpu::model)
        .containsExactly("Tesla T4", "Tesla T4");
  }

  @Test
  void amdCardsAreFoundAndConnectorsAndOtherVendorsSkipped() throws IOException {
    write("sys/class/drm/card0/device/vendor", "0x1002\n");
    write("sys/class/drm/card0/device/device", "0x740f\n");
    write("sys/class/drm/card0/device/product_name", "AMD Instinct MI210\n");
    write("sys/class/drm/card0/device/mem_info_vram_total", "68702699520\n");
    write("sys/class/drm/card0-DP-1/device/vendor", "0x1002\n");
    write("sys/class/drm/card1/device/vendor", "0x8086\n");
    write("sys/class/drm/card2/device/vendor", "0x1002\n");
    write("sys/class/drm/card2/device/device", "0x73bf\n");
    Files.createDirectories(root.resolve("sys/class/drm/renderD128"));
    assertThat(new GpuDetector(root, NO_NVIDIA_SMI).detect()).containsExactly(
        new DetectedGpu(DetectedGpu.Vendor.AMD, "AMD Instinct MI210", 68702699520L, ""),
        new DetectedGpu(DetectedGpu.Vendor.AMD, "AMD 0x73bf", 0, ""));
  }

  @Test
  void unreadableOrOversizedFilesAreSkipped() throws IOException {
    write("proc/driver/nvidia/gpus/x/information", "Model: " + "A".repeat(100_000));
    Files.createDirectories(root.resolve("sys/class/drm/card0/device/vendor"));
    assertThat(new GpuDetector(root, NO_NVIDIA_SMI).detect()).isEmpty();
  }

  @Test
  void aMissingCommandGivesEmpty() {
    assertThat(new ProcessCommandOutput().run(List.of("hanzo-no-such-command-" + System.nanoTime()),
        java.time.Duration.ofSeconds(5))).isEmpty();
  }

  private void write(String relative, String content) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }
}
