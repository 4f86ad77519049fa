package ai.hanzo.node.compute;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.compute.DeploymentRequest.GpuRequest;
import ai.hanzo.node.compute.DeploymentRequest.Resources;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * GPUs in the stored JSON: absent while empty, so spec hashes and records of deployments made before GPUs existed
 * stay as they were; a stored assignment reads back as written (a restart keeps it).
 */
class GpuJsonTest {
  @Test
  void noGpusLeaveTheJsonAsItWas() throws Exception {
    assertThat(CanonicalJson.write(new Resources("0.5", "64M", 0, List.of())))
        .isEqualTo("{\"cpus\":\"0.5\",\"memory\":\"64M\"}");
    assertThat(CanonicalJson.MAPPER.readValue("{\"cpus\":\"0.5\",\"memory\":\"64M\"}", Resources.class).gpus())
        .isEmpty();
    Resources asking = new Resources("", "", 0, List.of(new GpuRequest(2, List.of())));
    assertThat(CanonicalJson.MAPPER.readValue(CanonicalJson.write(asking), Resources.class)).isEqualTo(asking);
  }

  @Test
  void theAssignmentIsStoredWithTheDeploymentAndReadBack() throws Exception {
    DesiredStateStore.Stored before = new DesiredStateStore.Stored(null, Map.of("app", 2), Map.of());
    assertThat(CanonicalJson.write(before)).doesNotContain("gpus");
    DesiredStateStore.Stored with = new DesiredStateStore.Stored(null, Map.of("app", 2),
        Map.of("d-app-1", List.of("1"), "d-app-2", List.of("0", "3")));
    assertThat(CanonicalJson.MAPPER.readValue(CanonicalJson.write(with), DesiredStateStore.Stored.class).gpus())
        .isEqualTo(with.gpus());
    assertThat(CanonicalJson.MAPPER.readValue("{\"replicas\":{\"app\":1}}", DesiredStateStore.Stored.class).gpus())
        .as("a record from before GPUs").isNullOrEmpty();
  }
}
