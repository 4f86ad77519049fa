package ai.hanzo.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.client.ComposeProject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** deploy.resources.reservations.devices as Docker Compose writes GPU requests. */
class ComposeGpuTest {
  private static ComposeProject.Limits reservations(String devices) {
    return ComposeFile.parse("services:\n  train:\n    image: cuda\n    deploy:\n      resources:\n"
        + "        reservations:\n          memory: 1G\n          devices:\n" + devices)
        .services().get("train").deploy().reservations();
  }

  @Test
  void countDeviceIdsAndAllAreRead() {
    ComposeProject.Limits counted = reservations(
        "            - driver: nvidia\n              count: 2\n              capabilities: [gpu]\n");
    assertThat(counted.memory()).isEqualTo("1G");
    assertThat(counted.devices()).containsExactly(new ComposeProject.Device("nvidia", 2, List.of(), List.of("gpu")));
    assertThat(reservations("            - capabilities: [gpu]\n              device_ids: ['0', GPU-ab]\n")
        .devices()).containsExactly(new ComposeProject.Device("", 0, List.of("0", "GPU-ab"), List.of("gpu")));
    assertThat(reservations("            - driver: nvidia\n              count: all\n              capabilities:"
        + " [gpu, utility]\n").devices().get(0).count()).isEqualTo(-1);
    assertThat(reservations("            - driver: nvidia\n              capabilities: [gpu]\n").devices().get(0)
        .count()).as("neither count nor device_ids: all, as Compose").isEqualTo(-1);
  }

  @Test
  void badDeviceRequestsNameTheirPath() {
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("driver: nvidia|count: 1|device_ids: ['0']|capabilities: [gpu]", "has both count and device_ids");
    cases.put("driver: amd|count: 1|capabilities: [gpu]", "'amd' is not supported");
    cases.put("driver: nvidia|count: 1", "capabilities: must include gpu");
    cases.put("driver: nvidia|count: 0|capabilities: [gpu]", "must be at least 1");
    cases.put("driver: nvidia|count: 65|capabilities: [gpu]", "count");
    cases.put("driver: nvidia|count: 1|colour: red|capabilities: [gpu]", "colour: not supported");
    cases.forEach((fields, message) -> {
      String yaml = "            - " + fields.replace("|", "\n              ") + "\n";
      assertThatThrownBy(() -> reservations(yaml)).as(fields)
          .isInstanceOf(ComposeFileException.class)
          .hasMessageContaining("services.train.deploy.resources.reservations.devices[0]")
          .hasMessageContaining(message);
    });
  }

  @Test
  void devicesAreNotALimit() {
    assertThatThrownBy(() -> ComposeFile.parse("services:\n  train:\n    image: cuda\n    deploy:\n      resources:\n"
        + "        limits:\n          devices:\n            - count: 1\n"))
        .isInstanceOf(ComposeFileException.class).hasMessageContaining("limits.devices: not supported");
  }
}
