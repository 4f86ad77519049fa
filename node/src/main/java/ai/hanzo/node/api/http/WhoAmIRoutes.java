package ai.hanzo.node.api.http;

import ai.hanzo.node.api.access.CallerPrincipal;
import ai.hanzo.node.iam.Iam;
import ai.hanzo.node.iam.Permission;
import ai.hanzo.node.iam.Principal;
import ai.hanzo.node.iam.RpcPermissions;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.ServerBuilder;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code GET /v1/whoami}: the caller as the node sees it (subject, org, roles) and which of the permissions the
 * API's routes and RPCs need it holds, so a client such as the dashboard can leave out what the node would refuse
 * (it refuses anyway). Reveals nothing beyond the caller's own grants. With IAM disabled every caller is an admin.
 */
public final class WhoAmIRoutes {
  private final Iam iam;

  /** @param iam the IAM subsystem, or {@code null} when it is disabled */
  public WhoAmIRoutes(Iam iam) {
    this.iam = iam;
  }

  public void addTo(ServerBuilder sb) {
    sb.route().get("/v1/whoami").build(HttpCalls.json(HttpStatus.OK, (ctx, req) -> answer()));
  }

  private Struct answer() {
    Principal caller = CallerPrincipal.current().orElse(null);
    List<Permission> granted = permissionsOfTheApi()
        .filter(p -> iam == null || caller != null && iam.authorizer().allows(caller, p)).toList();
    // Keys in lowerCamelCase like every other answer of the mirror (a Struct's keys are printed as they are).
    return Struct.newBuilder()
        .putFields("iamEnabled", Value.newBuilder().setBoolValue(iam != null).build())
        .putFields("subject", string(caller == null ? "" : caller.subject()))
        .putFields("org", string(caller == null || caller.org() == null ? "" : caller.org()))
        .putFields("roles", list(caller == null ? Stream.of("admin") : caller.roles().stream()))
        .putFields("granted", list(granted.stream().map(Permission::toString)))
        .build();
  }

  private static Stream<Permission> permissionsOfTheApi() {
    Set<Permission> all = new LinkedHashSet<>();
    RpcPermissions.routes().forEach(r -> all.add(r.permission()));
    all.addAll(RpcPermissions.rpcs().values());
    return all.stream().sorted(java.util.Comparator.comparing(Permission::toString));
  }

  private static Value string(String s) {
    return Value.newBuilder().setStringValue(s).build();
  }

  private static Value list(Stream<String> values) {
    return Value.newBuilder().setListValue(ListValue.newBuilder().addAllValues(values.map(WhoAmIRoutes::string)
        .toList())).build();
  }
}
