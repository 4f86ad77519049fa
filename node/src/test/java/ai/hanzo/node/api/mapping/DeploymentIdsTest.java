package ai.hanzo.node.api.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.api.v1.ComposeSpec;
import ai.hanzo.node.api.v1.DeployRequest;
import ai.hanzo.node.api.v1.ServiceSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Default deployment ids: normalized like docker compose's project names; the node assigns one when none is sent. */
class DeploymentIdsTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "demo         | demo",
    "My App.v2    | myappv2",
    "_-web_Shop-1 | web_shop-1",
    "'  '         | ''",
    "ÄÖÜ          | ''",
  })
  void namesAreNormalizedAsDockerComposeDoes(String name, String id) {
    assertThat(DeploymentIds.fromName(name)).isEqualTo(id);
  }

  @Test
  void longNamesAreCutTo63AndTheFirstUsableNameWins() {
    assertThat(DeploymentIds.fromName("a".repeat(100))).hasSize(63);
    assertThat(DeploymentIds.firstFrom(null, "!!", "Second", "third")).isEqualTo("second");
    assertThat(DeploymentIds.firstFrom(null, "")).isEmpty();
  }

  @Test
  void theNodeAssignsAnIdFromTheNameElseARandomOne() {
    ComposeSpec spec = ComposeSpec.newBuilder().putServices("web", ServiceSpec.newBuilder().setImage("process")
        .build()).build();
    assertThat(DeployRequestMapper.map(DeployRequest.newBuilder().setSpec(spec).setName("Demo").build())
        .deploymentId()).isEqualTo("demo");
    assertThat(DeployRequestMapper.map(DeployRequest.newBuilder().setSpec(spec.toBuilder().setName("from-file"))
        .build()).deploymentId()).isEqualTo("from-file");
    String random = DeployRequestMapper.map(DeployRequest.newBuilder().setSpec(spec).build()).deploymentId();
    assertThat(random).matches("d-[0-9a-f]{8}");
    assertThat(DeployRequestMapper.map(DeployRequest.newBuilder().setSpec(spec).build()).deploymentId())
        .isNotEqualTo(random);
    assertThat(DeployRequestMapper.map(DeployRequest.newBuilder().setSpec(spec).setDeploymentId("given")
        .setName("Demo").build()).deploymentId()).isEqualTo("given");
  }
}
