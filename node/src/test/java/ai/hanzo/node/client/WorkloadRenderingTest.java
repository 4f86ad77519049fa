package ai.hanzo.node.client;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.api.v1.ContainerInfo;
import ai.hanzo.node.api.v1.DeployResponse;
import ai.hanzo.node.api.v1.DeploymentStatus;
import ai.hanzo.node.api.v1.ListContainersResponse;
import ai.hanzo.node.api.v1.ListDeploymentsResponse;
import ai.hanzo.node.api.v1.LogEntry;
import ai.hanzo.node.api.v1.ScaleResponse;
import ai.hanzo.node.api.v1.StopResponse;
import org.junit.jupiter.api.Test;

/** What the workload subcommands print once a node answers them (today's node answers UNIMPLEMENTED). */
class WorkloadRenderingTest {
  private final Renderer table = new Renderer(OutputFormat.TABLE);
  private final Renderer json = new Renderer(OutputFormat.JSON);
  private final Renderer yaml = new Renderer(OutputFormat.YAML);

  @Test
  void deploymentsAndContainersAreTables() {
    ListDeploymentsResponse deployments = ListDeploymentsResponse.newBuilder().addDeployments(DeploymentStatus
        .newBuilder().setDeploymentId("shop-1").setName("shop").setStatus("RUNNING").setReplicas(3)
        .setReadyReplicas(2)).build();
    assertThat(table.deployments(deployments).lines().toList()).hasSize(2)
        .satisfies(l -> assertThat(l.get(0)).startsWith("DEPLOYMENT").contains("READY"))
        .satisfies(l -> assertThat(l.get(1)).startsWith("shop-1").contains("shop").contains("RUNNING")
            .endsWith("2/3"));
    ListContainersResponse containers = ListContainersResponse.newBuilder().addContainers(ContainerInfo
        .newBuilder().setId("c1").setName("shop-web-1").setImage("nginx:1.27").setState("running")
        .addPorts("80:8080").addPorts("443")).build();
    assertThat(table.containers(containers)).contains("CONTAINER").contains("shop-web-1").contains("nginx:1.27")
        .contains("80:8080,443");
    assertThat(json.deployments(deployments)).contains("\"deploymentId\": \"shop-1\"");
    assertThat(yaml.containers(containers)).contains("image: \"nginx:1.27\"");
  }

  @Test
  void answersAndLogLines() {
    assertThat(table.deployed(DeployResponse.newBuilder().setDeploymentId("d1").setMessage("deployed")
        .addEndpoints("127.0.0.1:8080").build())).contains("DEPLOYMENT   d1").contains("127.0.0.1:8080");
    assertThat(table.scaled(ScaleResponse.newBuilder().setMessage("web scaled to 3").setPreviousReplicas(1)
        .setCurrentReplicas(3).build())).isEqualTo("web scaled to 3 (was 1)\n");
    StopResponse stop = StopResponse.newBuilder().setSuccess(true).setMessage("stopping d1").build();
    assertThat(table.done(stop, stop.getMessage())).isEqualTo("stopping d1\n");
    assertThat(json.done(stop, stop.getMessage())).contains("\"success\": true");
    LogEntry line = LogEntry.newBuilder().setService("web").setMessage("GET / 200").setStream("stdout").build();
    assertThat(table.logLine(line)).isEqualTo("web | GET / 200\n");
    assertThat(json.logLine(line)).doesNotContain("\n  ").endsWith("}\n").contains("\"service\":\"web\"");
  }
}
