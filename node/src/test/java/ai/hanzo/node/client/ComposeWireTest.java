package ai.hanzo.node.client;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.api.v1.ComposeSpec;
import ai.hanzo.node.api.v1.ServiceSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Deploy request a Compose project becomes: what the file gave is sent, what it did not give stays unset. */
class ComposeWireTest {
  private static final ComposeProject.Service CHECKED = new ComposeProject.Service("nginx:1.27",
      List.of("nginx", "-g", "daemon off;"), List.of("/entry.sh"), Map.of("PORT", "8080"), List.of("80:8080"),
      List.of("data:/data:ro"), List.of("front"), new ComposeProject.Deploy(3, new ComposeProject.Limits("0.5",
          "512M", 50), null), new ComposeProject.Healthcheck(List.of("CMD", "true"), "30s", "5s", 3, "10s"),
      "always");
  private static final ComposeProject.Service BARE = new ComposeProject.Service("busybox", List.of(), List.of(),
      Map.of(), List.of(), List.of(), List.of(), null, null, "");

  @Test
  void everyValueReachesTheWireAndAbsentPartsStayUnset() {
    ComposeSpec spec = ComposeWire.spec(new ComposeProject("3.9", "shop", Map.of("web", CHECKED, "job", BARE),
        Map.of("front", new ComposeProject.Network("bridge", true)),
        Map.of("data", new ComposeProject.Volume("local", Map.of("type", "tmpfs")))));

    assertThat(spec.getVersion()).isEqualTo("3.9");
    assertThat(spec.getName()).isEqualTo("shop");
    ServiceSpec web = spec.getServicesOrThrow("web");
    assertThat(web.getImage()).isEqualTo("nginx:1.27");
    assertThat(web.getCommandList()).containsExactly("nginx", "-g", "daemon off;");
    assertThat(web.getEntrypointList()).containsExactly("/entry.sh");
    assertThat(web.getEnvironmentMap()).isEqualTo(Map.of("PORT", "8080"));
    assertThat(web.getPortsList()).containsExactly("80:8080");
    assertThat(web.getVolumesList()).containsExactly("data:/data:ro");
    assertThat(web.getNetworksList()).containsExactly("front");
    assertThat(web.getDeploy().getReplicas()).isEqualTo(3);
    assertThat(web.getDeploy().getResources().getLimits().getPids()).isEqualTo(50);
    assertThat(web.getDeploy().getResources().hasReservations()).isFalse();
    assertThat(web.getHealthcheck().getStartPeriod()).isEqualTo("10s");
    assertThat(web.getRestart()).isEqualTo("always");
    ServiceSpec job = spec.getServicesOrThrow("job");
    assertThat(job.hasDeploy()).isFalse();
    assertThat(job.hasHealthcheck()).as("no healthcheck: the image's own applies").isFalse();
    assertThat(spec.getNetworksOrThrow("front").getExternal()).isTrue();
    assertThat(spec.getVolumesOrThrow("data").getDriverOptsMap()).isEqualTo(Map.of("type", "tmpfs"));
  }

  @Test
  void theDeploymentIsNamedByTheFlagTheFileOrItsDirectory() {
    ComposeProject named = new ComposeProject("", "Shop", Map.of("web", BARE), Map.of(), Map.of());
    ComposeProject unnamed = new ComposeProject("", "", Map.of("web", BARE), Map.of(), Map.of());
    Path file = Path.of("/srv/My Store/compose.yml");
    assertThat(NodeClient.defaultDeploymentId(file, "cli-name", named)).isEqualTo("cli-name");
    assertThat(NodeClient.defaultDeploymentId(file, null, named)).isEqualTo("shop");
    assertThat(NodeClient.defaultDeploymentId(file, null, unnamed)).isEqualTo("mystore");
  }
}
