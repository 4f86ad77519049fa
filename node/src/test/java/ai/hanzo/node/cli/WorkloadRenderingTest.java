package ai.hanzo.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.client.Container;
import ai.hanzo.node.client.Deployed;
import ai.hanzo.node.client.Deployment;
import ai.hanzo.node.client.Done;
import ai.hanzo.node.client.Inspected;
import ai.hanzo.node.client.LogLine;
import ai.hanzo.node.client.Scaled;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the workload subcommands print once a node answers them. */
class WorkloadRenderingTest {
  private final Renderer table = new Renderer(OutputFormat.TABLE);
  private final Renderer json = new Renderer(OutputFormat.JSON);
  private final Renderer yaml = new Renderer(OutputFormat.YAML);

  @Test
  void deploymentsAndContainersAreTables() {
    // mid-update: 2 of 3 ready, 1 of them from the current spec
    List<Deployment> deployments = List.of(new Deployment("shop-1", "shop", "RUNNING", 3, 2, List.of(), 1, ""));
    assertThat(table.deployments(deployments).lines().toList()).hasSize(2)
        .satisfies(l -> assertThat(l.get(0)).startsWith("DEPLOYMENT").endsWith("READY   UP-TO-DATE"))
        .satisfies(l -> assertThat(l.get(1)).startsWith("shop-1").contains("shop").contains("RUNNING")
            .endsWith("2/3     1"));
    assertThat(table.inspected(new Inspected(deployments.get(0), null))).contains("READY        2/3\nUP-TO-DATE   1\n");
    List<Container> containers = List.of(new Container("c1", "shop-web-1", "nginx:1.27", "", "running", 0,
        List.of("80:8080", "443"), Map.of(), "", "", 0, 0));
    assertThat(table.containers(containers)).contains("CONTAINER").contains("shop-web-1").contains("nginx:1.27")
        .contains("80:8080,443");
    assertThat(json.deployments(deployments)).contains("\"deploymentId\": \"shop-1\"")
        .contains("\"readyReplicas\": 2").contains("\"updatedReplicas\": 1");
    assertThat(yaml.deployments(deployments)).contains("updatedReplicas: 1");
    assertThat(yaml.containers(containers)).contains("image: \"nginx:1.27\"");
  }

  @Test
  void answersAndLogLines() {
    assertThat(table.deployed(new Deployed(true, "d1", "deployed", List.of("127.0.0.1:8080"))))
        .contains("DEPLOYMENT   d1").contains("127.0.0.1:8080");
    assertThat(table.scaled(new Scaled(true, "web scaled to 3", 1, 3))).isEqualTo("web scaled to 3 (was 1)\n");
    Done stop = new Done(true, "stopping d1");
    assertThat(table.done(stop)).isEqualTo("stopping d1\n");
    assertThat(json.done(stop)).contains("\"success\": true");
    LogLine line = new LogLine(0, "web", "", "stdout", "GET / 200");
    assertThat(table.logLine(line)).isEqualTo("web | GET / 200\n");
    assertThat(json.logLine(line)).doesNotContain("\n  ").endsWith("}\n").contains("\"service\":\"web\"");
  }
}
