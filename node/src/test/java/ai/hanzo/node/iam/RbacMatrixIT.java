package ai.hanzo.node.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every built-in role against every RPC and route, org isolation, custom roles and bindings. */
class RbacMatrixIT {
  private static final List<String> ROLES = List.of("anonymous", "viewer", "operator", "admin", "node");
  private static final InetAddress REMOTE = IamFixture.address("127.0.0.1");
  private static final String ALL = "anonymous viewer operator admin node";
  private static final String READERS = "viewer operator admin";
  private static final String WRITERS = "operator admin";
  private static final String NODES = "admin node";

  /** Who may call what: written out by hand from NODE_API.md, not derived from the code under test. */
  private static final Map<String, String> RPC_EXPECTED = table(
      "GetHealth", ALL, "GetStatus", READERS + " node", "GetMetrics", READERS + " node",
      "RegisterNode", NODES, "Heartbeat", NODES, "UpdateCapabilities", NODES,
      "Deploy", WRITERS, "Stop", WRITERS, "Scale", WRITERS, "Remove", WRITERS,
      "GetLogs", READERS, "GetEvents", READERS + " node", "ListContainers", READERS,
      "InspectContainer", READERS, "ExecInContainer", WRITERS,
      "ConfirmRegistration", "admin", "ListRegisteredNodes", NODES, "GetRegisteredNode", NODES,
      "QueueCommand", "admin", "AckCommand", NODES, "ListDeployments", READERS, "GetDeployment", READERS,
      "Cordon", "admin", "Drain", "admin", "Uncordon", "admin", "GetScheduling", NODES,
      "ListPeers", NODES, "GetNetwork", NODES, "SendCommand", "admin", "FindProviders", NODES,
      "ListPools", READERS, "GetPool", READERS, "ListPoolNodes", READERS,
      "QueryAudit", "admin", "QueryUsage", "admin", "ExportUsage", "admin", "ListImages", NODES,
      "PullImage", "admin", "RemoveImage", "admin",
      "CreateApiKey", "admin", "ListApiKeys", "admin", "RevokeApiKey", "admin", "SetBinding", "admin",
      "ListBindings", "admin", "RemoveBinding", "admin",
      "RegisterOperator", "admin", "GetOperatorStatus", READERS, "ChangeStake", "admin", "ExitOperator", "admin",
      "WithdrawStake", "admin", "DeregisterNode", "admin",
      "Generate", WRITERS, "GenerateStream", WRITERS, "Embed", WRITERS, "ListModels", READERS,
      "PullModel", "admin", "AddUpstreamModel", "admin", "LoadModel", "admin", "RemoveModel", "admin", "InspectModel", READERS,
      "IssueChallenge", "admin", "ListChallenges", READERS, "GetChallenge", READERS, "VerifyProof", READERS,
      "GetProviderScore", READERS, "ListProviderScores", READERS, "GetProviderState", READERS,
      "GetProviderHistory", READERS, "ListProviderSlashes", READERS, "RespondChallenge", NODES,
      "UploadModel", "admin",
      "Allocate", WRITERS, "GetAllocation", READERS, "ListAllocations", READERS, "ReleaseAllocation", WRITERS);

  private static final Map<String, String> ROUTE_EXPECTED = table(
      "GET /health", ALL, "GET /v1/whoami", ALL, "GET /liveness", ALL, "GET /readiness", ALL,
      "GET /v1/status", READERS + " node", "GET /metrics", READERS + " node", "GET /v1/metrics", READERS + " node",
      "GET /ws/metrics", READERS + " node",
      "POST /v1/nodes/register", NODES, "POST /v1/nodes/n1/heartbeat", NODES, "PUT /v1/nodes/n1/capabilities", NODES,
      "POST /v1/nodes/n1/confirm", "admin", "GET /v1/nodes", NODES, "GET /v1/nodes/n1", NODES,
      "POST /v1/nodes/n1/commands", "admin", "POST /v1/nodes/n1/commands/c1/ack", NODES,
      "POST /v1/deployments", WRITERS, "POST /v1/deployments/d1/stop", WRITERS,
      "POST /v1/deployments/d1/scale", WRITERS, "GET /v1/deployments", READERS, "GET /v1/deployments/d1", READERS,
      "DELETE /v1/deployments/d1", WRITERS, "GET /v1/deployments/d1/logs", READERS, "GET /ws/logs/d1", READERS,
      "GET /v1/events", READERS + " node", "GET /ws/events", READERS + " node",
      "GET /v1/containers", READERS, "GET /v1/containers/c1", READERS, "POST /v1/containers/c1/exec", WRITERS,
      "GET /ws/exec/c1", WRITERS, "POST /v1/node/cordon", "admin", "POST /v1/node/drain", "admin",
      "POST /v1/node/uncordon", "admin", "GET /v1/node/scheduling", NODES, "GET /v1/peers", NODES,
      "GET /v1/network", NODES, "POST /v1/network/commands", "admin", "GET /v1/providers", NODES,
      "GET /v1/compute/pools", READERS, "GET /v1/compute/pools/p1", READERS,
      "GET /v1/compute/pools/p1/nodes", READERS,
      "POST /v1/compute/allocate", WRITERS, "GET /v1/compute/allocations", READERS,
      "GET /v1/compute/allocations/a1", READERS, "DELETE /v1/compute/allocations/a1", WRITERS,
      "GET /v1/audit", "admin", "GET /v1/usage", "admin", "GET /v1/usage/export", "admin", "GET /v1/images", NODES,
      "POST /v1/images/pull", "admin",
      "POST /v1/images/remove", "admin", "GET /v1/keys", "admin", "POST /v1/keys", "admin",
      "DELETE /v1/keys/k1", "admin", "GET /v1/bindings", "admin", "POST /v1/bindings", "admin",
      "POST /v1/bindings/remove", "admin",
      "POST /v1/inference", WRITERS, "POST /v1/embed", WRITERS, "POST /v1/completions", WRITERS,
      "POST /v1/chat/completions", WRITERS, "POST /v1/embeddings", WRITERS, "GET /ws/inference", WRITERS,
      "GET /v1/models", READERS, "GET /v1/models/m1", READERS,
      "POST /v1/models/m1/load", "admin", "POST /v1/models/m1/unload", "admin", "POST /v1/models/pull", "admin",
      "POST /v1/models/upstream", "admin", "DELETE /v1/models/m1", "admin", "PUT /v1/models/m1", "admin",
      "GET /v1/models/m1/inspect", READERS,
      "POST /v1/qos/challenges", "admin", "GET /v1/qos/challenges", READERS, "GET /v1/qos/challenges/c1", READERS,
      "POST /v1/qos/challenges/c1/verify", READERS, "GET /v1/qos/providers/p1/score", READERS,
      "GET /v1/qos/scores", READERS,
      "GET /v1/qos/providers/p1/state", READERS, "GET /v1/qos/providers/p1/history", READERS,
      "GET /v1/qos/providers/p1/slashes", READERS,
      "POST /v1/qos/challenges/c1/respond", NODES,
      "POST /v1/operators/register", "admin", "GET /v1/operators/0xabc/status", READERS,
      "POST /v1/operators/0xabc/stake", "admin", "POST /v1/operators/0xabc/exit", "admin",
      "POST /v1/operators/0xabc/withdraw", "admin", "POST /v1/operators/0xabc/deregister", "admin");

  @TempDir Path dataDir;
  private IamFixture iam;

  @BeforeEach
  void open() {
    iam = new IamFixture(dataDir);
  }

  @AfterEach
  void close() {
    iam.close();
  }

  @Test
  void everyRoleAgainstEveryRpc() {
    assertThat(RPC_EXPECTED.keySet()).containsExactlyInAnyOrderElementsOf(RpcPermissions.rpcs().keySet().stream()
        .map(name -> name.substring(name.indexOf('/') + 1)).toList());
    RpcPermissions.rpcs().forEach((rpc, permission) -> {
      Set<String> allowed = Set.of(RPC_EXPECTED.get(rpc.substring(rpc.indexOf('/') + 1)).split(" "));
      for (String role : ROLES) {
        assertDecision(role, permission, rpc, allowed.contains(role));
      }
    });
  }

  @Test
  void everyRoleAgainstEveryRoute() {
    ROUTE_EXPECTED.forEach((request, roles) -> {
      String[] parts = request.split(" ");
      Permission permission = RpcPermissions.forRoute(parts[0], parts[1])
          .orElseThrow(() -> new AssertionError("no permission for " + request));
      Set<String> allowed = Set.of(roles.split(" "));
      for (String role : ROLES) {
        assertDecision(role, permission, request, allowed.contains(role));
      }
    });
    assertThat(RpcPermissions.forRoute("GET", "/v1/unknown")).isEmpty();
    assertThat(RpcPermissions.forRoute("PATCH", "/v1/deployments/d1")).isEmpty();
    assertThat(RpcPermissions.forRoute("PUT", "/v1/models/m1/load")).isEmpty();
    assertThat(ROUTE_EXPECTED.keySet()).as("every route of the table is in this matrix").hasSize(
        RpcPermissions.routes().size());
  }

  @Test
  void callersActOnlyWithinTheirOrgUnlessAdmin() {
    Principal acmeOperator = principal("operator", "acme");
    Principal globexViewer = principal("viewer", "globex");
    Principal admin = principal("admin", "root");
    Permission update = Permission.of("deployment", "update");
    Permission read = Permission.of("deployment", "read");
    iam.authorizer.check(acmeOperator, update, call("Stop", "d-acme", "acme"));
    assertThatThrownBy(() -> iam.authorizer.check(acmeOperator, update, call("Stop", "d-globex", "globex")))
        .isInstanceOf(PermissionDeniedException.class).hasMessageContaining("org globex");
    assertThatThrownBy(() -> iam.authorizer.check(globexViewer, read, call("GetDeployment", "d-acme", "acme")))
        .isInstanceOf(PermissionDeniedException.class);
    iam.authorizer.check(admin, update, call("Stop", "d-globex", "globex"));
    assertThat(iam.authorizer.mayActIn(acmeOperator, "acme")).isTrue();
    assertThat(iam.authorizer.mayActIn(acmeOperator, "globex")).isFalse();
    assertThat(iam.auditEntries()).filteredOn(e -> e.outcome().equals(AuditRecorder.DENIED))
        .extracting(e -> e.resource() + "/" + e.details().get("resource_org"))
        .containsExactlyInAnyOrder("d-globex/globex", "d-acme/acme");
  }

  @Test
  void customRolesAndBindingsComeFromStorage() {
    iam.roles.define(new Role("deployer", Set.of(Permission.parse("deployment:create")), List.of("viewer")));
    iam.roles.bind("cert:spiffe://hanzo/ci", List.of("deployer"));
    Principal ci = iam.authenticator.authenticate(new Credentials(null, null, "spiffe://hanzo/ci", REMOTE), "Deploy");
    assertThat(ci.kind()).isEqualTo(Principal.Kind.CERTIFICATE);
    assertThat(ci.subject()).isEqualTo("cert:spiffe://hanzo/ci");
    iam.authorizer.check(ci, Permission.of("deployment", "create"), call("Deploy", null, null));
    iam.authorizer.check(ci, Permission.of("logs", "read"), call("GetLogs", null, null));
    assertThatThrownBy(() -> iam.authorizer.check(ci, Permission.of("deployment", "delete"), call("Remove", "d", null)))
        .isInstanceOf(PermissionDeniedException.class);
    // A binding of the bare name belongs to a token subject, never to a certificate.
    iam.roles.bind("spiffe://hanzo/stranger", List.of("admin"));
    assertThatThrownBy(() -> iam.authenticator.authenticate(
        new Credentials(null, null, "spiffe://hanzo/stranger", REMOTE), "Deploy"))
        .isInstanceOfSatisfying(AuthenticationException.class,
            e -> assertThat(e.reason()).isEqualTo(AuthFailure.UNKNOWN_CERTIFICATE_IDENTITY));
    assertThatThrownBy(() -> iam.roles.define(new Role("admin", Set.of(), List.of())))
        .hasMessageContaining("built in");
  }

  @Test
  void inheritanceCyclesTerminate() {
    iam.roles.define(new Role("a", Set.of(Permission.parse("logs:read")), List.of("b")));
    iam.roles.define(new Role("b", Set.of(Permission.parse("events:read")), List.of("a")));
    assertThat(iam.roles.permissionsOf(List.of("a")))
        .containsExactlyInAnyOrder(Permission.parse("logs:read"), Permission.parse("events:read"));
  }

  @Test
  void mutatingCallsAreAuditedAndReadsAreNot() {
    Principal operator = principal("operator", "acme");
    iam.audit.completed(operator, call("Deploy", "d1", "acme"), Permission.of("deployment", "create"), "OK");
    iam.audit.completed(operator, call("GetStatus", null, null), Permission.of("metrics", "read"), "OK");
    assertThat(iam.auditEntries()).singleElement().satisfies(e -> {
      assertThat(e.action()).isEqualTo("Deploy");
      assertThat(e.principal()).isEqualTo("op@acme");
      assertThat(e.outcome()).isEqualTo("OK");
      assertThat(e.details()).containsEntry("org", "acme");
      assertThat(e.remote()).isEqualTo("127.0.0.1");
    });
  }

  @Test
  void anonymousHealthCanBeSwitchedOff() {
    Authorizer strict = new Authorizer(iam.roles, iam.audit, false);
    assertThatThrownBy(() -> strict.check(Principal.anonymous(), Permission.of("health", "read"), call("GetHealth",
        null, null))).isInstanceOfSatisfying(AuthenticationException.class,
            e -> assertThat(e.reason()).isEqualTo(AuthFailure.MISSING_CREDENTIALS));
  }

  private void assertDecision(String role, Permission permission, String what, boolean allowed) {
    Principal principal = "anonymous".equals(role) ? Principal.anonymous() : principal(role, null);
    Throwable thrown = catchThrowable(() -> iam.authorizer.check(principal, permission, call(what, null, null)));
    if (allowed) {
      assertThat(thrown).as("%s may call %s (%s)", role, what, permission).isNull();
    } else if ("anonymous".equals(role)) {
      assertThat(thrown).as("anonymous calling %s", what).isInstanceOf(AuthenticationException.class);
    } else {
      assertThat(thrown).as("%s calling %s (%s)", role, what, permission).isInstanceOf(PermissionDeniedException.class);
    }
  }

  private static Principal principal(String role, String org) {
    return new Principal(Principal.Kind.JWT, role.substring(0, 2) + "@" + org, org, List.of(role), Set.of(), null,
        null, null, null);
  }

  private static CallContext call(String method, String resource, String org) {
    return new CallContext(method, resource, org, REMOTE);
  }

  private static Map<String, String> table(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }
}
