package ai.hanzo.node.api;

import static ai.hanzo.node.api.ApiScenarios.assertError;
import static ai.hanzo.node.api.ComputeScenariosIT.WAIT;
import static ai.hanzo.node.api.ComputeScenariosIT.awaitRunning;
import static ai.hanzo.node.api.ComputeScenariosIT.deployment;
import static ai.hanzo.node.api.ComputeScenariosIT.removeQuietly;
import static ai.hanzo.node.api.ComputeScenariosIT.running;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.api.LiveNodes.Wire;
import ai.hanzo.node.api.v1.ContainerInfo;
import ai.hanzo.node.api.v1.DeployRequest;
import ai.hanzo.node.api.v1.DeploymentStatus;
import ai.hanzo.node.api.v1.ExecInput;
import ai.hanzo.node.api.v1.GetLogsRequest;
import ai.hanzo.node.api.v1.LogEntry;
import ai.hanzo.node.api.v1.RemoveRequest;
import ai.hanzo.node.api.v1.ScaleRequest;
import ai.hanzo.node.api.v1.StopRequest;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.RequestHeaders;
import ai.hanzo.node.api.v1.QueryAuditRequest;
import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.client.websocket.WebSocketClient;
import com.linecorp.armeria.client.websocket.WebSocketSession;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Organisation isolation over both transports on the real IAM node: operators of {@code acme} and {@code globex}
 * act on the same node; whatever acme tries on globex's deployment (deploying under its id included) answers as for
 * an id that does not exist and leaves globex's containers running globex's command.
 */
@ExtendWith(LiveNodes.Extension.class)
class TenancyScenariosIT {
  private static final String GLOBEX_SCRIPT = "echo globex; exec sleep 600";

  private final LiveNodes nodes;

  TenancyScenariosIT(LiveNodes nodes) {
    this.nodes = nodes;
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void deployingUnderAnotherOrgsIdIsRefusedAndChangesNothing(Wire wire) {
    withGlobexDeployment(wire, "taken", (acme, globex, id, before) -> {
      for (String script : List.of("echo acme; exec sleep 600", GLOBEX_SCRIPT)) {
        assertThatThrownBy(() -> acme.deploy(deployment(id, 1, script)))
            .isInstanceOfSatisfying(ApiCallException.class, e -> {
              assertThat(e.code).isEqualTo("ALREADY_EXISTS");
              assertThat(e.getMessage()).contains("deployment id '" + id + "' is taken; choose another id")
                  .doesNotContain("globex");
            });
      }
      assertGlobexUntouched(globex, id, before);
      assertError(() -> acme.deployment(id), "NOT_FOUND", null);
    });
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void everyCallOnAnotherOrgsDeploymentAnswersNotFound(Wire wire) {
    withGlobexDeployment(wire, "foreign", (acme, globex, id, before) -> {
      List<ThrowingCallable> calls = List.of(
          () -> acme.stop(StopRequest.newBuilder().setDeploymentId(id).setForce(true).build()),
          () -> acme.scale(ScaleRequest.newBuilder().setDeploymentId(id).setServiceName("app").setReplicas(0)
              .build()),
          () -> acme.remove(RemoveRequest.newBuilder().setDeploymentId(id).setRemoveVolumes(true).build()),
          () -> acme.deployment(id),
          () -> acme.logs(GetLogsRequest.newBuilder().setDeploymentId(id).build()),
          () -> acme.container(before),
          () -> acme.exec(ExecInput.newBuilder().setContainerId(before).addCommand("kill").addCommand("1")
              .build()));
      for (ThrowingCallable call : calls) {
        assertError(call, "NOT_FOUND", null);
      }
      assertThat(acme.containers(Map.of("deployment", id)).getContainersList()).isEmpty();
      assertThat(acme.containers().getContainersList()).extracting(ContainerInfo::getId).doesNotContain(before);
      assertThat(acme.deployments().getDeploymentsList()).extracting(DeploymentStatus::getDeploymentId)
          .doesNotContain(id);
      assertGlobexUntouched(globex, id, before);
    });
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void anAdminUpdatingAnotherOrgsDeploymentKeepsItsOwner(Wire wire) {
    withGlobexDeployment(wire, "managed", (acme, globex, id, before) -> {
      assertThat(nodes.main(wire).deploy(deployment(id, 1, "echo admin; exec sleep 600")).getMessage())
          .startsWith("deployment updating");
      assertThat(globex.deployment(id).getDeploymentId()).isEqualTo(id);
      assertError(() -> acme.deployment(id), "NOT_FOUND", null);
      await().atMost(WAIT).until(() -> running(globex, id), list -> list.size() == 1
          && !list.get(0).getId().equals(before));
    });
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void eventsOfAnotherOrgsDeploymentsNeverReachACaller(Wire wire) throws Exception {
    String globexId = wire.id("events-globex");
    String acmeId = wire.id("events-acme");
    try (EventTap acmeViewer = EventTap.open(wire, nodes.mainNode(), nodes.acmeViewerKey);
        EventTap admin = EventTap.open(wire, nodes.mainNode(), nodes.adminKey)) {
      Transport globex = nodes.main(wire, nodes.globexKey);
      Transport acme = nodes.main(wire, nodes.acmeKey);
      acme.deploy(deployment(acmeId, 1, "exec sleep 600"));
      await().atMost(WAIT).until(() -> acmeViewer.seen("container.started", acmeId)
          && admin.seen("container.started", acmeId));
      // Both streams are live now. Events arrive in order: globex's come before acme's scaling.
      globex.deploy(deployment(globexId, 1, "exec sleep 600"));
      awaitRunning(globex, globexId, 1);
      acme.scale(ScaleRequest.newBuilder().setDeploymentId(acmeId).setServiceName("app").setReplicas(0).build());
      await().atMost(WAIT).until(() -> acmeViewer.seen("deployment.scaled", acmeId)
          && admin.seen("deployment.scaled", acmeId));
      assertThat(admin.seen("deployment.created", globexId)).as("the admin sees every org").isTrue();
      assertThat(acmeViewer.deployments()).contains(acmeId).doesNotContain(globexId);
      assertThat(acmeViewer.orgs()).containsOnly("acme");
    } finally {
      removeQuietly(nodes.main(wire), globexId);
      removeQuietly(nodes.main(wire), acmeId);
    }
  }

  /** Prometheus is HTTP only. */
  @Test
  void prometheusShowsAViewerOnlyItsOrgsContainerSeries() {
    withGlobexDeployment(Wire.HTTP, "metered", (acme, globex, id, before) -> {
      // Container series appear with the node's next sample (every 10 s).
      await().atMost(WAIT).until(() -> scrape(nodes.adminKey).contains("deployment=\"" + id + "\""));
      assertThat(scrape(nodes.acmeViewerKey)).contains("hanzo_").doesNotContain("deployment=\"" + id + "\"")
          .doesNotContain(before);
    });
  }

  @Test
  void aWebSocketExecIntoAnotherOrgsContainerIsAuditedWithTheCallsOutcome() {
    withGlobexDeployment(Wire.HTTP, "ws-exec", (acme, globex, id, container) -> {
      // HTTP/1.1 (Upgrade, answered 101) as browsers connect, and HTTP/2 (CONNECT, answered 200).
      List<String> schemes = List.of("h1c", "h2c");
      for (String scheme : schemes) {
        ClientFactory factory = ClientFactory.builder().build();
        try {
          WebSocketSession session = WebSocketClient.builder(scheme + "://127.0.0.1:"
              + nodes.mainNode().boundPorts().get("http")).factory(factory).addHeader("x-api-key", nodes.acmeKey)
              .build().connect("/ws/exec/" + container + "?command=kill&command=1").get(30, TimeUnit.SECONDS);
          FrameCollector frames = new FrameCollector();
          session.inbound().subscribe(frames);
          assertThat(frames.ended.await(30, TimeUnit.SECONDS)).isTrue();
          assertThat(frames.closeReason).contains("not found");
          session.outbound().close();
        } catch (Exception e) {
          throw new AssertionError(e);
        } finally {
          factory.close();
        }
      }
      QueryAuditRequest query = QueryAuditRequest.newBuilder().setAction("/ws/exec/" + container).build();
      assertThat(await().atMost(WAIT).until(() -> nodes.main(Wire.GRPC).audit(query).getRecordsList(),
          records -> records.size() == schemes.size())).allSatisfy(r -> {
            assertThat(r.getOutcome()).isEqualTo("NOT_FOUND");
            assertThat(r.getDetailsMap()).containsEntry("org", "acme");
          });
      assertGlobexUntouched(globex, id, container);
    });
  }

  private String scrape(String apiKey) {
    var response = WebClient.of("http://127.0.0.1:" + nodes.mainNode().boundPorts().get("http")).blocking()
        .execute(HttpRequest.of(RequestHeaders.builder(HttpMethod.GET, "/metrics").add("x-api-key", apiKey).build()));
    assertThat(response.status().code()).as(response.contentUtf8()).isEqualTo(200);
    return response.contentUtf8();
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void volumesAnotherOrgLeftBehindAreNotHandedOver(Wire wire) {
    Transport acme = nodes.main(wire, nodes.acmeKey);
    Transport globex = nodes.main(wire, nodes.globexKey);
    String id = wire.id("kept-volume");
    DeployRequest.Builder request = deployment(id, 1, "echo acme-secret > data/secret; exec sleep 600").toBuilder();
    request.getSpecBuilder().putServices("app", request.getSpec().getServicesOrThrow("app").toBuilder()
        .addVolumes("data:/data").build());
    try {
      acme.deploy(request.build());
      awaitRunning(acme, id, 1);
      acme.remove(RemoveRequest.newBuilder().setDeploymentId(id).build());
      assertThatThrownBy(() -> globex.deploy(request.build())).isInstanceOfSatisfying(ApiCallException.class,
          e -> assertThat(e.getMessage()).contains("ALREADY_EXISTS")
              .contains("deployment id '" + id + "' is taken; choose another id"));
      assertThat(acme.deploy(request.build()).getMessage()).as("its own org gets its volumes back")
          .isEqualTo("deployment accepted");
    } finally {
      ComputeScenariosIT.removeQuietly(nodes.main(wire), id);
    }
  }

  /** Globex's deployment still exists for globex, with its one replica, the same container and only its output. */
  private static void assertGlobexUntouched(Transport globex, String id, String container) {
    assertThat(globex.deployment(id).getReplicas()).isEqualTo(1);
    assertThat(running(globex, id)).extracting(ContainerInfo::getId).containsExactly(container);
    assertThat(globex.logs(GetLogsRequest.newBuilder().setDeploymentId(id).build()))
        .extracting(LogEntry::getMessage).containsOnly("globex");
  }

  private interface Scenario {
    void run(Transport acme, Transport globex, String deploymentId, String globexContainer);
  }

  /** Globex deploys {@link #GLOBEX_SCRIPT} as {@code wire.id(base)}; the scenario runs once it has started. */
  private void withGlobexDeployment(Wire wire, String base, Scenario scenario) {
    Transport acme = nodes.main(wire, nodes.acmeKey);
    Transport globex = nodes.main(wire, nodes.globexKey);
    String id = wire.id(base);
    try {
      globex.deploy(deployment(id, 1, GLOBEX_SCRIPT));
      String container = awaitRunning(globex, id, 1).get(0).getId();
      await().atMost(WAIT).until(() -> globex.logs(GetLogsRequest.newBuilder().setDeploymentId(id).build())
          .size() == 1);
      scenario.run(acme, globex, id, container);
    } finally {
      removeQuietly(nodes.main(wire), id);
    }
  }
}
