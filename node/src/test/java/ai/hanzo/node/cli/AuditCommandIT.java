package ai.hanzo.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.api.v1.CordonRequest;
import ai.hanzo.node.api.v1.DeployRequest;
import ai.hanzo.node.api.v1.NodeAdminServiceGrpc;
import ai.hanzo.node.api.v1.NodeServiceGrpc;
import ai.hanzo.node.api.v1.QueryAuditRequest;
import ai.hanzo.node.api.v1.QueryAuditResponse;
import ai.hanzo.node.app.IamNodeFixture;
import ai.hanzo.node.app.NodeApp;
import ai.hanzo.node.storage.RoleRecord;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.client.grpc.GrpcClients;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.RequestHeaders;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit trail read back through QueryAudit, GET /v1/audit and {@code hanzo-node audit}: admins only. */
class AuditCommandIT {
  @TempDir static Path dataDir;
  static NodeApp node;
  static String adminKey;
  static String viewerKey;
  static String viewerSubject;
  /** admin:read only, bound to acme: reads the trail of acme's callers only. */
  static String acmeAuditorKey;
  static String globexSubject;

  @BeforeAll
  static void start() throws Exception {
    adminKey = IamNodeFixture.createKey(dataDir, "admin", null);
    viewerKey = IamNodeFixture.createKey(dataDir, "viewer", null);
    IamNodeFixture.withDatabase(dataDir, db -> {
      db.roles().putRole(new RoleRecord("org-auditor", List.of("admin:read"), List.of()));
      return null;
    });
    acmeAuditorKey = IamNodeFixture.createKey(dataDir, "org-auditor", "acme", null);
    String acmeOperatorKey = IamNodeFixture.createKey(dataDir, "operator", "acme", null);
    String globexOperatorKey = IamNodeFixture.createKey(dataDir, "operator", "globex", null);
    node = IamNodeFixture.start(dataDir, IamNodeFixture.iamConfig(600));
    // One denied call by the viewer and one call without credentials: both land in the trail.
    assertThatThrownBy(() -> grpc(viewerKey).deploy(DeployRequest.newBuilder().setName("nope").build()))
        .isInstanceOf(StatusRuntimeException.class);
    assertThatThrownBy(() -> grpc(null).deploy(DeployRequest.getDefaultInstance()))
        .isInstanceOf(StatusRuntimeException.class);
    viewerSubject = admin(adminKey).queryAudit(QueryAuditRequest.newBuilder().setOutcome("denied").build())
        .getRecords(0).getPrincipal();
    // A denied Cordon by an operator of each org: records of acme and of globex.
    for (String key : List.of(acmeOperatorKey, globexOperatorKey)) {
      assertThatThrownBy(() -> admin(key).cordon(CordonRequest.getDefaultInstance()))
          .isInstanceOf(StatusRuntimeException.class);
    }
    globexSubject = admin(adminKey).queryAudit(QueryAuditRequest.newBuilder().setAction("Cordon").build())
        .getRecordsList().stream().filter(r -> "globex".equals(r.getDetailsMap().get("org"))).findFirst()
        .orElseThrow().getPrincipal();
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.stop();
    }
  }

  @Test
  void adminQueriesWithFiltersAndPages() {
    QueryAuditResponse denied = admin(adminKey).queryAudit(QueryAuditRequest.newBuilder().setOutcome("DENIED")
        .setAction("NodeService/Deploy").setPermission("deployment:create").build());
    assertThat(denied.getRecordsList()).singleElement().satisfies(r -> {
      assertThat(r.getPrincipal()).startsWith("apikey:");
      assertThat(r.getAction()).isEqualTo("hanzo.node.v1.NodeService/Deploy");
      assertThat(r.getDetailsMap()).containsEntry("required", "deployment:create");
      assertThat(r.getRemote()).isEqualTo("127.0.0.1");
    });
    QueryAuditResponse first = admin(adminKey).queryAudit(QueryAuditRequest.newBuilder().setLimit(1).build());
    assertThat(first.getRecordsCount()).isEqualTo(1);
    assertThat(first.getNextPageToken()).isNotEmpty();
    QueryAuditResponse second = admin(adminKey).queryAudit(QueryAuditRequest.newBuilder().setLimit(1)
        .setPageToken(first.getNextPageToken()).build());
    assertThat(second.getRecordsCount()).isEqualTo(1);
    assertThat(second.getRecords(0)).isNotEqualTo(first.getRecords(0));
    assertThat(admin(adminKey).queryAudit(QueryAuditRequest.newBuilder().setPrincipal("unauthenticated").build())
        .getRecordsList()).isNotEmpty().allSatisfy(r -> assertThat(r.getOutcome()).isEqualTo("UNAUTHENTICATED"));
  }

  @Test
  void nonAdminsAreDeniedAndBadRequestsExplained() {
    assertThatThrownBy(() -> admin(viewerKey).queryAudit(QueryAuditRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
          assertThat(e.getStatus().getDescription()).contains("admin:read");
        });
    assertThatThrownBy(() -> admin(adminKey).queryAudit(QueryAuditRequest.newBuilder().setPageToken("garbage")
        .build())).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(e.getStatus().getDescription()).contains("page_token");
        });
    assertThatThrownBy(() -> admin(adminKey).queryAudit(QueryAuditRequest.newBuilder().setSinceMillis(-1L)
        .build())).isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    assertThatThrownBy(() -> admin(adminKey).queryAudit(QueryAuditRequest.newBuilder().setLimit(5000).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getDescription()).contains("limit"));
  }

  @Test
  void httpMirror() {
    AggregatedHttpResponse ok = http("/v1/audit?outcome=DENIED&limit=10", adminKey);
    assertThat(ok.status().code()).isEqualTo(200);
    assertThat(ok.contentUtf8()).contains("\"outcome\": \"DENIED\"").contains("hanzo.node.v1.NodeService/Deploy");
    assertThat(http("/v1/audit", viewerKey).status().code()).isEqualTo(403);
    AggregatedHttpResponse bad = http("/v1/audit?since_millis=soon", adminKey);
    assertThat(bad.status().code()).isEqualTo(400);
    assertThat(bad.contentUtf8()).contains("since_millis");
  }

  @Test
  void cliPrintsATableOrJson() {
    String endpoint = "127.0.0.1:" + node.boundPorts().get("grpc");
    CliHarness table = new CliHarness();
    assertThat(table.run(Map.of("HANZO_API_KEY", adminKey), "audit", "--endpoint", endpoint, "--since", "1h",
        "--principal", viewerSubject)).as(table.err()).isZero();
    assertThat(table.out()).contains("PRINCIPAL").contains(viewerSubject).contains("DENIED")
        .doesNotContain("unauthenticated");

    CliHarness json = new CliHarness();
    assertThat(json.run(Map.of(), "audit", "--endpoint", endpoint, "--api-key", adminKey, "-o", "json",
        "--outcome", "unauthenticated", "--limit", "1")).as(json.err()).isZero();
    assertThat(json.out()).contains("\"records\"").contains("\"outcome\": \"UNAUTHENTICATED\"");

    CliHarness denied = new CliHarness();
    assertThat(denied.run(Map.of(), "audit", "--endpoint", endpoint, "--api-key", viewerKey)).isEqualTo(1);
    assertThat(denied.err()).contains("hanzo-node audit:").contains("PERMISSION_DENIED");

    CliHarness badTime = new CliHarness();
    assertThat(badTime.run(Map.of(), "audit", "--since", "yesterday-ish")).isEqualTo(2);
    assertThat(badTime.err()).contains("neither a duration");
  }

  @Test
  void anAuditorOfOneOrgReadsOnlyItsOrgsRecordsInTheCliAndOverHttp() {
    String endpoint = "127.0.0.1:" + node.boundPorts().get("grpc");
    CliHarness everything = new CliHarness();
    assertThat(everything.run(Map.of(), "audit", "--endpoint", endpoint, "--api-key", adminKey, "-o", "json"))
        .as(everything.err()).isZero();
    assertThat(everything.out()).contains("\"org\": \"acme\"").contains("\"org\": \"globex\"")
        .contains(globexSubject).contains(viewerSubject).contains("UNAUTHENTICATED");

    CliHarness acme = new CliHarness();
    assertThat(acme.run(Map.of(), "audit", "--endpoint", endpoint, "--api-key", acmeAuditorKey, "-o", "json"))
        .as(acme.err()).isZero();
    assertThat(acme.out()).contains("\"org\": \"acme\"").contains("Cordon").doesNotContain("globex")
        .doesNotContain(globexSubject).doesNotContain(viewerSubject).doesNotContain("UNAUTHENTICATED");
    CliHarness filtered = new CliHarness();
    assertThat(filtered.run(Map.of(), "audit", "--endpoint", endpoint, "--api-key", acmeAuditorKey, "-o", "json",
        "--principal", globexSubject)).as(filtered.err()).isZero();
    assertThat(filtered.out()).doesNotContain("globex").doesNotContain("Cordon");

    AggregatedHttpResponse overHttp = http("/v1/audit?limit=1000", acmeAuditorKey);
    assertThat(overHttp.status().code()).isEqualTo(200);
    assertThat(overHttp.contentUtf8()).contains("\"org\": \"acme\"").doesNotContain("globex")
        .doesNotContain(viewerSubject).doesNotContain("UNAUTHENTICATED");
  }

  private static NodeServiceGrpc.NodeServiceBlockingStub grpc(String apiKey) {
    var b = GrpcClients.builder("http://127.0.0.1:" + node.boundPorts().get("grpc"));
    if (apiKey != null) {
      b.addHeader("x-api-key", apiKey);
    }
    return b.build(NodeServiceGrpc.NodeServiceBlockingStub.class);
  }

  private static NodeAdminServiceGrpc.NodeAdminServiceBlockingStub admin(String apiKey) {
    return GrpcClients.builder("http://127.0.0.1:" + node.boundPorts().get("grpc")).addHeader("x-api-key", apiKey)
        .build(NodeAdminServiceGrpc.NodeAdminServiceBlockingStub.class);
  }

  private static AggregatedHttpResponse http(String pathAndQuery, String apiKey) {
    return WebClient.of("http://127.0.0.1:" + node.boundPorts().get("http")).blocking().execute(
        HttpRequest.of(RequestHeaders.builder(HttpMethod.GET, pathAndQuery).add("x-api-key", apiKey).build()));
  }
}
