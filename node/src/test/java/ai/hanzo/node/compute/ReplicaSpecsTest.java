package ai.hanzo.node.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.compute.DeploymentRequest.ComposeProject;
import ai.hanzo.node.compute.DeploymentRequest.NetworkDefinition;
import ai.hanzo.node.compute.DeploymentRequest.Options;
import ai.hanzo.node.compute.DeploymentRequest.ServiceDefinition;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.runtime.ContainerSpec;
import ai.hanzo.node.runtime.NetworkMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplicaSpecsTest {
  private final ReplicaSpecs specs = new ReplicaSpecs(Path.of("/data/volumes"));

  private static DeploymentRequest request(List<String> ports, List<String> networks,
      Map<String, NetworkDefinition> declared) {
    ServiceDefinition s = new ServiceDefinition("process", List.of("sleep", "1"), List.of(), Map.of(), ports,
        List.of(), networks, 1, null, null, null, "no");
    return new DeploymentRequest("d", "d", new ComposeProject("3", "d", Map.of("web", s), declared, Map.of()),
        Map.of(), new Options("", "", Map.of(), null));
  }

  private ContainerSpec spec(DeploymentRequest r) {
    specs.validate(r);
    return specs.spec(r, new ReplicaName("d", "web", 1), "n1");
  }

  private static void refused(Runnable r, String field, String reason) {
    assertThatThrownBy(r::run).isInstanceOfSatisfying(NodeException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
      assertThat(e.getMessage()).contains(field).contains(reason);
    });
  }

  @Test
  void portsTheServiceListensOnAreRecordedForContainerInfo() {
    ContainerSpec s = spec(request(List.of("8080", "53:53/udp", "127.0.0.1:9000:9000", "7000-7002"), List.of(),
        Map.of()));
    assertThat(s.labels()).containsEntry(ReplicaSpecs.PORTS_LABEL, "8080/tcp,53/udp,9000/tcp,7000-7002/tcp");
  }

  @Test
  void aRemappedOrMalformedPortIsRefused() {
    refused(() -> spec(request(List.of("8080:80"), List.of(), Map.of())), "spec.services.web.ports[0]",
        "share the host's network");
    refused(() -> spec(request(List.of("http"), List.of(), Map.of())), "spec.services.web.ports[0]",
        "is not [host_ip:][published:]target");
    refused(() -> spec(request(List.of("70000"), List.of(), Map.of())), "ports[0]", "outside 1-65535");
  }

  @Test
  void networksMapToTheHostsNetworkOrNone() {
    assertThat(spec(request(List.of(), List.of(), Map.of())).network()).isEqualTo(NetworkMode.HOST);
    assertThat(spec(request(List.of(), List.of("back"), Map.of("back", new NetworkDefinition("bridge", false))))
        .network()).isEqualTo(NetworkMode.HOST);
    assertThat(spec(request(List.of(), List.of("isolated"), Map.of("isolated", new NetworkDefinition("none",
        false)))).network()).isEqualTo(NetworkMode.NONE);
  }

  @Test
  void networksThisNodeCannotProvideAreRefused() {
    refused(() -> spec(request(List.of(), List.of(), Map.of("mesh", new NetworkDefinition("overlay", false)))),
        "spec.networks.mesh.driver", "'overlay' is not supported");
    refused(() -> spec(request(List.of(), List.of(), Map.of("corp", new NetworkDefinition("", true)))),
        "spec.networks.corp", "external networks");
    refused(() -> spec(request(List.of(), List.of("missing"), Map.of())), "spec.services.web.networks",
        "'missing' is not declared");
  }

  @Test
  void hostPathVolumesAreRefused() {
    ServiceDefinition s = new ServiceDefinition("process", List.of("sleep", "1"), List.of(), Map.of(), List.of(),
        List.of("data:/var/data", "/etc:/host-etc"), List.of(), 1, null, null, null, "no");
    DeploymentRequest r = new DeploymentRequest("d", "d", new ComposeProject("3", "d", Map.of("web", s), Map.of(),
        Map.of()), Map.of(), new Options("", "", Map.of(), null));
    refused(() -> spec(r), "spec.services.web.volumes[1]", "host paths are not allowed");
  }
}
