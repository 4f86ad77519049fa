package ai.hanzo.node.iam;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.api.v1.InferenceServiceGrpc;
import ai.hanzo.node.api.v1.NodeAdminServiceGrpc;
import ai.hanzo.node.api.v1.NodeServiceGrpc;
import ai.hanzo.node.api.v1.QosServiceGrpc;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Fails when an RPC or an HTTP route is added without an entry in {@link RpcPermissions}. */
class RpcPermissionsTest {
  private static final Path API_SOURCES = Path.of("src/main/java/ai/hanzo/node/api/http");
  /** get(sb, "/p"...), route(sb, HttpMethod.X, "/p"...), sb.service("/p"...), sb.route().get|post("/p") */
  private static final Pattern ROUTE = Pattern.compile(
      "get\\(sb, \"([^\"]+)\"|route\\(sb, HttpMethod\\.([A-Z]+), \"([^\"]+)\"|sb\\.service\\(\"([^\"]+)\""
          + "|sb\\.route\\(\\)\\.(get|post)\\(\"([^\"]+)\"\\)");

  @Test
  void everyRpcOfTheGeneratedServicesHasAPermission() {
    List<String> rpcs = new ArrayList<>();
    for (ServiceDescriptor service : List.of(NodeServiceGrpc.getServiceDescriptor(),
        NodeAdminServiceGrpc.getServiceDescriptor(), InferenceServiceGrpc.getServiceDescriptor(),
        QosServiceGrpc.getServiceDescriptor())) {
      service.getMethods().stream().map(MethodDescriptor::getFullMethodName).forEach(rpcs::add);
    }
    assertThat(rpcs).hasSizeGreaterThanOrEqualTo(22);
    assertThat(rpcs).allSatisfy(rpc -> assertThat(RpcPermissions.forRpc(rpc)).as(rpc).isPresent());
    assertThat(RpcPermissions.rpcs().keySet()).as("no stale entries").containsExactlyInAnyOrderElementsOf(rpcs);
  }

  @Test
  void everyRegisteredHttpRouteHasAPermission() throws IOException {
    List<String[]> routes = new ArrayList<>();
    try (Stream<Path> files = Files.list(API_SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith("Routes.java") || f.endsWith("ProbeService.java"))
          .toList()) {
        Matcher m = ROUTE.matcher(Files.readString(file));
        while (m.find()) {
          routes.add(m.group(1) != null ? new String[] {"GET", m.group(1)}
              : m.group(2) != null ? new String[] {m.group(2), m.group(3)}
              : m.group(4) != null ? new String[] {"GET", m.group(4)}
              : new String[] {m.group(5).toUpperCase(java.util.Locale.ROOT), m.group(6)});
        }
      }
    }
    assertThat(routes).as("routes found in the api sources").hasSizeGreaterThanOrEqualTo(25);
    for (String[] route : routes) {
      String concrete = route[1].replaceAll("\\{[^}]+}", "x");
      assertThat(RpcPermissions.forRoute(route[0], concrete)).as(route[0] + " " + route[1]).isPresent();
    }
  }

  @Test
  void onlyTheDashboardsFilesArePublicAndOnlyToRead() {
    assertThat(RpcPermissions.isPublicAsset("GET", "/ui")).isTrue();
    assertThat(RpcPermissions.isPublicAsset("GET", "/ui/")).isTrue();
    assertThat(RpcPermissions.isPublicAsset("HEAD", "/ui/js/app.js")).isTrue();
    for (String[] call : new String[][] {{"POST", "/ui/"}, {"PUT", "/ui/x"}, {"DELETE", "/ui/x"},
        {"GET", "/uix"}, {"GET", "/ui-admin"}, {"GET", "/v1/status"}, {"GET", "/ws/metrics"}, {"GET", "/"},
        {"GET", "/v1/ui/"}}) {
      assertThat(RpcPermissions.isPublicAsset(call[0], call[1])).as(call[0] + " " + call[1]).isFalse();
    }
    // No route of the table is public: everything the dashboard shows needs the caller's credential.
    assertThat(RpcPermissions.routes()).noneMatch(r -> RpcPermissions.isPublicAsset(
        "*".equals(r.method()) ? "GET" : r.method(), r.pathTemplate()));
  }
}
