package ai.hanzo.node.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.compute.DeploymentRequest.ComposeProject;
import ai.hanzo.node.compute.DeploymentRequest.Options;
import ai.hanzo.node.compute.DeploymentRequest.ServiceDefinition;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortClaimsTest {
  private static ServiceDefinition listening(int replicas, String... ports) {
    return new ServiceDefinition("", List.of("true"), List.of(), Map.of(), List.of(ports), List.of(), List.of(),
        replicas, null, null, null, "no");
  }

  private static DesiredDeployment deployment(String id, Map<String, ServiceDefinition> services) {
    return DesiredDeployment.of(new DeploymentRequest(id, id, new ComposeProject("3", id, services, Map.of(),
        Map.of()), Map.of(), new Options("", "", Map.of(), null)));
  }

  private static void refused(Runnable r, ErrorCode code, String reason) {
    assertThatThrownBy(r::run).isInstanceOfSatisfying(NodeException.class, e -> {
      assertThat(e.code()).isEqualTo(code);
      assertThat(e.getMessage()).contains(reason);
    });
  }

  @Test
  void aPortBelongsToOneServiceOfTheRunningDeployments() {
    DesiredDeployment web = deployment("web", Map.of("http", listening(1, "8080", "9000-9002")));
    refused(() -> PortClaims.check(deployment("other", Map.of("api", listening(1, "8080:8080"))), List.of(web)),
        ErrorCode.FAILED_PRECONDITION, "port 8080/tcp of deployment 'other' service 'api' is already used by"
            + " deployment 'web' service 'http'");
    refused(() -> PortClaims.check(deployment("other", Map.of("api", listening(1, "9001"))), List.of(web)),
        ErrorCode.FAILED_PRECONDITION, "9001/tcp");
    assertThatCode(() -> PortClaims.check(deployment("other", Map.of("dns", listening(1, "8080/udp"))),
        List.of(web))).as("another protocol").doesNotThrowAnyException();
    assertThatCode(() -> PortClaims.check(deployment("other", Map.of("api", listening(1, "8080"))),
        List.of(web.withRunning(false)))).as("a stopped deployment holds no port").doesNotThrowAnyException();
    assertThatCode(() -> PortClaims.check(deployment("web", Map.of("http", listening(1, "8080"))), List.of(web)))
        .as("an update of the same deployment").doesNotThrowAnyException();
  }

  @Test
  void aPortHeldByAnotherOrgDoesNotNameItsDeployment() {
    DesiredDeployment globex = DesiredDeployment.of(Ownership.withOwner(
        deployment("globex-secret", Map.of("db", listening(1, "5432"))).request(), "globex"));
    DesiredDeployment acme = DesiredDeployment.of(Ownership.withOwner(
        deployment("mine", Map.of("pg", listening(1, "5432"))).request(), "acme"));
    assertThatThrownBy(() -> PortClaims.check(acme, List.of(globex))).isInstanceOfSatisfying(NodeException.class,
        e -> assertThat(e.getMessage()).isEqualTo("port 5432/tcp of deployment 'mine' service 'pg' is already used"
            + " by another deployment on this node"));
  }

  @Test
  void servicesOfOneDeploymentAndReplicasOfOneServiceMayNotShareAPort() {
    refused(() -> PortClaims.check(deployment("d", Map.of("a", listening(1, "80"), "b", listening(1, "80"))),
        List.of()), ErrorCode.FAILED_PRECONDITION, "port 80/tcp");
    refused(() -> PortClaims.check(deployment("d", Map.of("a", listening(2, "80"))), List.of()),
        ErrorCode.INVALID_ARGUMENT, "2 replicas cannot all listen on 80/tcp");
  }
}
