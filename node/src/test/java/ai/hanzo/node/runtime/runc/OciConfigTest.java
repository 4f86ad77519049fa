package ai.hanzo.node.runtime.runc;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.runtime.ContainerSpec;
import ai.hanzo.node.runtime.NetworkMode;
import ai.hanzo.node.runtime.ResourceLimits;
import ai.hanzo.node.runtime.VolumeMount;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OciConfigTest {
  private static ContainerSpec spec(NetworkMode network) {
    return new ContainerSpec("web.1", "busybox:test", List.of("sh", "-c"), List.of("echo hi"),
        Map.of("A", "1"), "/srv", Map.of("deployment", "d1"), new ResourceLimits(64L << 20, 1_500_000_000L, 50),
        List.of(new VolumeMount(Path.of("/data/vol"), "/data", true)), network, null);
  }

  @Test
  void specBecomesProcessResourcesAndMounts() {
    JsonNode config = new OciConfig(true).build("abc", spec(NetworkMode.HOST),
        Map.of("/data", Path.of("/node/data/vol")));
    JsonNode process = config.path("process");
    assertThat(process.path("terminal").asBoolean(true)).isFalse();
    assertThat(texts(process.path("args"))).containsExactly("sh", "-c", "echo hi");
    assertThat(texts(process.path("env"))).containsExactly("PATH=" + OciConfig.DEFAULT_PATH, "A=1");
    assertThat(process.path("cwd").asText()).isEqualTo("/srv");
    JsonNode resources = config.path("linux").path("resources");
    assertThat(resources.path("memory").path("limit").asLong()).isEqualTo(64L << 20);
    assertThat(resources.path("memory").path("swap").asLong()).isEqualTo(64L << 20);
    assertThat(resources.path("cpu").path("quota").asLong()).isEqualTo(150_000);
    assertThat(resources.path("cpu").path("period").asLong()).isEqualTo(100_000);
    assertThat(resources.path("pids").path("limit").asLong()).isEqualTo(50);
    assertThat(config.path("linux").path("cgroupsPath").asText()).isEqualTo("hanzo-runc/abc");
    assertThat(config.path("root").path("readonly").asBoolean(true)).isFalse();
    assertThat(config.path("annotations").path("deployment").asText()).isEqualTo("d1");
    JsonNode volume = config.path("mounts").get(config.path("mounts").size() - 1);
    assertThat(volume.path("destination").asText()).isEqualTo("/data");
    assertThat(volume.path("source").asText()).isEqualTo("/node/data/vol");
    assertThat(texts(volume.path("options"))).containsExactly("rbind", "ro");
    assertThat(namespaces(config)).containsExactly("pid", "ipc", "uts", "mount");
  }

  @Test
  void networkNoneAddsANetworkNamespaceAndNoSwapWithoutAccounting() {
    JsonNode config = new OciConfig(false).build("abc", spec(NetworkMode.NONE),
        Map.of("/data", Path.of("/node/data/vol")));
    assertThat(namespaces(config)).containsExactly("pid", "ipc", "uts", "mount", "network");
    assertThat(config.path("linux").path("resources").path("memory").has("swap")).isFalse();
  }

  private static List<String> namespaces(JsonNode config) {
    List<String> types = new ArrayList<>();
    config.path("linux").path("namespaces").forEach(node -> types.add(node.path("type").asText()));
    return types;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> {
      if (node.isTextual()) {
        texts.add(node.asText());
      }
    });
    return texts;
  }
}
