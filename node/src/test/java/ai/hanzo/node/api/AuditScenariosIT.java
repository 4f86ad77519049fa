package ai.hanzo.node.api;

import static ai.hanzo.node.api.ApiScenarios.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.api.LiveNodes.Wire;
import ai.hanzo.node.api.v1.AuditRecord;
import ai.hanzo.node.api.v1.QueryAuditRequest;
import ai.hanzo.node.api.v1.QueryAuditResponse;
import java.util.List;
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
  private static final Map<Wire, String> CORDON_ACTION = Map.of(Wire.GRPC, "hanzo.node.v1.NodeAdminService/Cordon",
      Wire.HTTP, "POST /v1/node/cordon");

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

  /**
   * An auditor of acme (admin:read, bound to acme) tries what an attacker would to read globex's trail: no filter,
   * globex's principal as the filter, and a page token globex's auditor was handed. It reads acme's records only.
   */
  @ParameterizedTest
  @EnumSource(Wire.class)
  void aCallerOfOneOrgReadsOnlyItsOrgsRecordsWhateverItsFiltersAndPageToken(Wire wire) {
    Transport acmeOperator = nodes.main(wire, nodes.acmeKey);
    Transport globexOperator = nodes.main(wire, nodes.globexKey);
    for (int i = 0; i < 2; i++) {
      assertError(acmeOperator::cordon, "PERMISSION_DENIED", null);
      assertError(globexOperator::cordon, "PERMISSION_DENIED", null);
    }
    assertError(() -> nodes.unauthenticated(wire).deployments(), "UNAUTHENTICATED", null);
    QueryAuditRequest cordons = QueryAuditRequest.newBuilder().setAction(CORDON_ACTION.get(wire)).setLimit(1000)
        .build();
    List<AuditRecord> all = nodes.main(wire).audit(cordons).getRecordsList();
    assertThat(all).as("the admin reads every org's records").extracting(r -> r.getDetailsOrDefault("org", ""))
        .contains("acme", "globex");
    String globexPrincipal = all.stream().filter(r -> "globex".equals(r.getDetailsMap().get("org"))).findFirst()
        .orElseThrow().getPrincipal();

    Transport acmeAuditor = nodes.main(wire, nodes.acmeAuditorKey);
    assertOnlyAcme(acmeAuditor.audit(QueryAuditRequest.newBuilder().setLimit(1000).build()));
    assertOnlyAcme(acmeAuditor.audit(cordons));
    assertThat(acmeAuditor.audit(QueryAuditRequest.newBuilder().setPrincipal(globexPrincipal).build())
        .getRecordsList()).isEmpty();
    assertThat(acmeAuditor.audit(QueryAuditRequest.newBuilder().setPrincipal("unauthenticated").build())
        .getRecordsList()).as("refused authentications belong to no org").isEmpty();

    QueryAuditResponse globexPage = nodes.main(wire, nodes.globexAuditorKey).audit(cordons.toBuilder().setLimit(1)
        .build());
    assertThat(globexPage.getRecordsList()).singleElement()
        .satisfies(r -> assertThat(r.getDetailsMap()).containsEntry("org", "globex"));
    assertThat(globexPage.getNextPageToken()).isNotEmpty();
    // Past globex's first cordon lies acme's second one: the replayed token must show it and nothing of globex.
    assertOnlyAcme(acmeAuditor.audit(QueryAuditRequest.newBuilder().setLimit(1000)
        .setPageToken(globexPage.getNextPageToken()).build()));
    String token = globexPage.getNextPageToken();
    for (int page = 0; !token.isEmpty(); page++) {
      assertThat(page).as("pages").isLessThan(1000);
      QueryAuditResponse next = acmeAuditor.audit(cordons.toBuilder().setLimit(1).setPageToken(token).build());
      next.getRecordsList().forEach(r -> assertThat(r.getDetailsMap()).containsEntry("org", "acme"));
      token = next.getNextPageToken();
    }
  }

  private static void assertOnlyAcme(QueryAuditResponse response) {
    assertThat(response.getRecordsList()).isNotEmpty()
        .allSatisfy(r -> assertThat(r.getDetailsMap()).containsEntry("org", "acme"));
  }
}
