package ai.hanzo.node.runtime.runc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.runtime.ContainerRuntimeException;
import ai.hanzo.node.runtime.ContainerSpec;
import ai.hanzo.node.runtime.ResourceLimits;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A runc container given GPUs: their device files bind-mounted, character devices allowed by major:minor, and
 * NVIDIA_VISIBLE_DEVICES. The device directory is the test's own: a plain file stands for a GPU, and a link to
 * /dev/null for nvidiactl, a real character device (1:3).
 */
class OciConfigGpuTest {
  @TempDir Path dev;

  private static ContainerSpec spec(List<String> gpus) {
    return ContainerSpec.of("train-1", "cuda:test", List.of("nvidia-smi"))
        .withLimits(new ResourceLimits(0, 0, 0, gpus));
  }

  @Test
  void theGivenGpusAndTheSharedControlDevicesAreMountedAndAllowed() throws Exception {
    Files.createFile(dev.resolve("nvidia0"));
    Files.createFile(dev.resolve("nvidia1"));
    Files.createSymbolicLink(dev.resolve("nvidiactl"), Path.of("/dev/null"));
    JsonNode config = new OciConfig(true, dev).build("abc", spec(List.of("1")), Map.of());
    List<String> mounted = new ArrayList<>();
    config.path("mounts").forEach(m -> {
      if (m.path("destination").asText().startsWith("/dev/nvidia")) {
        mounted.add(m.path("destination").asText() + "<-" + m.path("source").asText());
      }
    });
    assertThat(mounted).containsExactly("/dev/nvidia1<-" + dev.resolve("nvidia1"),
        "/dev/nvidiactl<-" + dev.resolve("nvidiactl"));
    List<String> allowed = new ArrayList<>();
    config.path("linux").path("resources").path("devices").forEach(d -> allowed.add(d.path("allow").asBoolean()
        + " " + d.path("type").asText("a") + " " + d.path("major").asText("*") + ":" + d.path("minor").asText("*")));
    assertThat(allowed).containsExactly("false a *:*", "true c 1:3");
    List<String> env = new ArrayList<>();
    config.path("process").path("env").forEach(e -> env.add(e.asText()));
    assertThat(env).contains("NVIDIA_VISIBLE_DEVICES=1");
  }

  @Test
  void aGpuWithoutItsDeviceFileIsRefused() {
    assertThatThrownBy(() -> new OciConfig(true, dev).build("abc", spec(List.of("2")), Map.of()))
        .isInstanceOf(ContainerRuntimeException.class).hasMessageContaining("GPU 2 has no device file");
  }

  @Test
  void withoutGpusNothingChanges() {
    JsonNode config = new OciConfig(true, dev).build("abc", spec(List.of()), Map.of());
    assertThat(config.path("linux").path("resources").path("devices")).hasSize(1);
    assertThat(config.path("process").path("env").toString()).doesNotContain("NVIDIA_VISIBLE_DEVICES");
  }

  @Test
  void theDeviceDirectoryIsDevUnlessATestNamesItsOwn() {
    assertThat(GpuDeviceNodes.hostDevDir()).isEqualTo(Path.of("/dev"));
    System.setProperty(GpuDeviceNodes.DEV_DIR_PROPERTY, dev.toString());
    try {
      assertThat(GpuDeviceNodes.hostDevDir()).isEqualTo(dev);
    } finally {
      System.clearProperty(GpuDeviceNodes.DEV_DIR_PROPERTY);
    }
  }

  @Test
  void gpusAreIndexesNothingElse() {
    assertThatThrownBy(() -> new ResourceLimits(0, 0, 0, List.of("../sda")))
        .isInstanceOf(ContainerRuntimeException.class);
  }
}
