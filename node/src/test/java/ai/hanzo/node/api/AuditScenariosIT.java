package ai.hanzo.node.api;

import static ai.hanzo.node.api.ApiScenarios.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.api.LiveNodes.Wire;
import ai.hanzo.node.api.v1.AuditRecord;
import ai.hanzo.node.api.v1.QueryAuditRequest;
import ai.hanzo.node.api.v1.QueryAuditResponse;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** QueryAudit on a node with IAM on: refused and unauthenticated calls land in the trail, which only admins read. */
@ExtendWith(LiveNodes.Extension.class)
class AuditScenariosIT {
  /** How each transport names the denied call in the trail. */
  private static final Map<Wire, String> DENIED_ACTION = Map.of(Wire.GRPC, "hanzo.node.v1.NodeService/Deploy",
      Wire.HTTP, "POST /v1/deployments");

  private final LiveNodes nodes;

  AuditScenariosIT(LiveNodes nodes) {
    this.nodes = nodes;
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void aDeniedCallIsInTheTrail(Wire wire) {
    assertError(() -> nodes.mainAsViewer(wire).deploy(ComputeScenariosIT.deployment(wire.id("not-allowed"), 1,
        "true")), "PERMISSION_DENIED", null);
    QueryAuditResponse denied = nodes.main(wire).audit(QueryAuditRequest.newBuilder().setOutcome("denied")
        .setPermission("deployment:create").setAction(DENIED_ACTION.get(wire)).build());
    assertThat(denied.getRecordsList()).isNotEmpty().allSatisfy(r -> {
      assertThat(r.getPrincipal()).startsWith("apikey:");
      assertThat(r.getAction()).isEqualTo(DENIED_ACTION.get(wire));
      assertThat(r.getOutcome()).isEqualTo("DENIED");
      assertThat(r.getDetailsMap()).containsEntry("required", "deployment:create");
      assertThat(r.getRemote()).isEqualTo("127.0.0.1");
    });
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void callsWithoutCredentialsAreRefusedAndAudited(Wire wire) {
    assertError(() -> nodes.unauthenticated(wire).deployments(), "UNAUTHENTICATED", null);
    assertThat(nodes.main(wire).audit(QueryAuditRequest.newBuilder().setPrincipal("unauthenticated").build())
        .getRecordsList()).isNotEmpty().extracting(AuditRecord::getOutcome).containsOnly("UNAUTHENTICATED");
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void pagesFollowTheirToken(Wire wire) {
    Transport api = nodes.main(wire);
    // two records of its own (reads are not audited; refusals are), so the test does not depend on others' records
    for (int i = 0; i < 2; i++) {
      assertError(() -> nodes.mainAsViewer(wire).deploy(ComputeScenariosIT.deployment(wire.id("paged"), 1, "true")),
          "PERMISSION_DENIED", null);
    }
    QueryAuditResponse first = api.audit(QueryAuditRequest.newBuilder().setLimit(1).build());
    assertThat(first.getRecordsCount()).isEqualTo(1);
    assertThat(first.getNextPageToken()).isNotEmpty();
    QueryAuditResponse second = api.audit(QueryAuditRequest.newBuilder().setLimit(1)
        .setPageToken(first.getNextPageToken()).build());
    assertThat(second.getRecordsCount()).isEqualTo(1);
    assertThat(second.getRecords(0)).isNotEqualTo(first.getRecords(0));
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void onlyAdminsReadTheTrailAndBadQueriesNameTheField(Wire wire) {
    assertError(() -> nodes.mainAsViewer(wire).audit(QueryAuditRequest.getDefaultInstance()), "PERMISSION_DENIED",
        null);
    assertError(() -> nodes.main(wire).audit(QueryAuditRequest.newBuilder().setPageToken("garbage").build()),
        "INVALID_ARGUMENT", "page_token");
    assertError(() -> nodes.main(wire).audit(QueryAuditRequest.newBuilder().setLimit(5000).build()),
        "INVALID_ARGUMENT", "limit");
  }
}
