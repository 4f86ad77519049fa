package ai.hanzo.node.compute;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.compute.DeploymentRequest.Resources;
import org.junit.jupiter.api.Test;

class ResourcesJsonTest {
  @Test
  void anUnsetPidsLimitLeavesTheJsonAndSoTheSpecHashOfOlderDeploymentsAsItWas() throws Exception {
    assertThat(CanonicalJson.write(new Resources("0.5", "64M"))).isEqualTo("{\"cpus\":\"0.5\",\"memory\":\"64M\"}");
    assertThat(CanonicalJson.write(new Resources("0.5", "64M", 50))).contains("\"pids\":50");
    assertThat(CanonicalJson.MAPPER.readValue("{\"cpus\":\"0.5\",\"memory\":\"64M\"}", Resources.class).pids())
        .isZero();
  }
}
