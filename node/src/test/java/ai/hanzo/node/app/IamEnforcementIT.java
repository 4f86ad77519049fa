package ai.hanzo.node.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.api.v1.DeployRequest;
import ai.hanzo.node.api.v1.GetStatusRequest;
import ai.hanzo.node.api.v1.NodeServiceGrpc;
import ai.hanzo.node.storage.AuditEntry;
import com.linecorp.armeria.client.grpc.GrpcClients;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** IAM on a real node: every RPC and route authenticated, authorized, rate-limited and audited. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IamEnforcementIT {
  private static final Metadata.Key<String> ERROR_CODE =
      Metadata.Key.of("hanzo-error-code", Metadata.ASCII_STRING_MARSHALLER);
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

  @TempDir static Path dataDir;
  static NodeApp node;
  static String adminKey;
  static String limitedKey;

  @BeforeAll
  static void start() throws Exception {
    adminKey = IamNodeFixture.createKey(dataDir, "admin", null);
    limitedKey = IamNodeFixture.createKey(dataDir, "viewer", 2);
    node = IamNodeFixture.start(dataDir, IamNodeFixture.iamConfig(600));
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.stop();
    }
  }

  @Test
  void grpcCallWithoutCredentialsIsUnauthenticated() {
    assertThatThrownBy(() -> grpc(null, null).getStatus(GetStatusRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
          assertThat(e.getStatus().getDescription()).contains("needs credentials");
          assertThat(e.getTrailers().get(ERROR_CODE)).isEqualTo("UNAUTHENTICATED");
        });
  }

  @Test
  void httpCallWithoutCredentialsIs401WithTheErrorBody() throws Exception {
    HttpResponse<String> res = http("GET", "/v1/status", null, null);
    assertThat(res.statusCode()).isEqualTo(401);
    assertThat(res.body()).contains("\"code\": \"UNAUTHENTICATED\"").contains("needs credentials");
  }

  @Test
  void aBadTokenIs401() throws Exception {
    HttpResponse<String> res = http("GET", "/v1/status", "authorization", "Bearer not.a.token");
    assertThat(res.statusCode()).isEqualTo(401);
  }

  @Test
  void anAuthorizationHeaderWithoutTheBearerSchemeIsRefused() throws Exception {
    String token = IamNodeFixture.token("ada", "admin");
    HttpResponse<String> bare = http("GET", "/v1/status", "authorization", token);
    assertThat(bare.statusCode()).isEqualTo(401);
    assertThat(bare.body()).contains("Bearer").doesNotContain(token);
    assertThat(http("GET", "/v1/status", "authorization", "Token " + token).statusCode()).isEqualTo(401);
    assertThatThrownBy(() -> grpc("authorization", token).getStatus(GetStatusRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    // The scheme name is case-insensitive (RFC 7235).
    assertThat(http("GET", "/v1/status", "authorization", "bEaReR " + token).statusCode()).isEqualTo(200);
  }

  @Test
  void healthIsAnonymousOnBothTransports() throws Exception {
    HttpResponse<String> anonymous = http("GET", "/health", null, null);
    assertThat(anonymous.statusCode()).isEqualTo(200);
    // The verdict is anonymous, the reasons (paths, peers, upstream errors) are for callers holding health:read.
    assertThat(anonymous.body()).contains("\"status\"", "\"checks\": []");
    assertThat(http("GET", "/health", "x-api-key", adminKey).body()).contains("\"checks\"", "\"name\": \"data-dir\"");
    assertThat(http("GET", "/liveness", null, null).statusCode()).isEqualTo(200);
    HealthGrpc.HealthBlockingStub health = GrpcClients.builder(grpcUri()).build(HealthGrpc.HealthBlockingStub.class);
    assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus())
        .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
  }

  @Test
  void viewerTokenMayReadButNotDeploy() throws Exception {
    String viewer = "Bearer " + IamNodeFixture.token("vera", "viewer");
    assertThat(grpc("authorization", viewer).getStatus(GetStatusRequest.getDefaultInstance()).hasMetrics())
        .isTrue();
    assertThatThrownBy(() -> grpc("authorization", viewer).deploy(DeployRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
          assertThat(e.getStatus().getDescription()).contains("vera lacks deployment:create");
        });
    HttpResponse<String> res = http("POST", "/v1/deployments", "authorization", viewer);
    assertThat(res.statusCode()).isEqualTo(403);
    assertThat(res.body()).contains("\"code\": \"PERMISSION_DENIED\"");
  }

  @Test
  void generationNeedsInferenceExecuteAndLoadingNeedsModelsManage() throws Exception {
    String viewer = "Bearer " + IamNodeFixture.token("vic", "viewer");
    String operator = "Bearer " + IamNodeFixture.token("opal", "operator");
    assertThat(http("GET", "/v1/models", "authorization", viewer).statusCode()).isEqualTo(200);
    HttpResponse<String> denied = http("POST", "/v1/chat/completions", "authorization", viewer);
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(denied.body()).contains("vic lacks inference:execute");
    // past IAM, the operator's empty chat request is the route's own 400 (no messages)
    HttpResponse<String> allowed = http("POST", "/v1/chat/completions", "authorization", operator);
    assertThat(allowed.statusCode()).isEqualTo(400);
    assertThat(allowed.body()).contains("messages");
    assertThat(http("POST", "/v1/models/m1/load", "authorization", operator).statusCode()).isEqualTo(403);
    // an admin may load, and this node has no model m1
    assertThat(http("POST", "/v1/models/m1/load", "x-api-key", adminKey).statusCode()).isEqualTo(404);
  }

  @Test
  void adminKeyIsServedOnBothTransports() throws Exception {
    assertThat(grpc("x-api-key", adminKey).getStatus(GetStatusRequest.getDefaultInstance()).hasMetrics())
        .isTrue();
    HttpResponse<String> res = http("GET", "/v1/status", "x-api-key", adminKey);
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.body()).contains("metrics");
  }

  @Test
  void aRouteWithoutATableEntryIsRefusedEvenForAdmins() throws Exception {
    HttpResponse<String> res = http("GET", "/v1/not-a-route", "x-api-key", adminKey);
    assertThat(res.statusCode()).isEqualTo(403);
    assertThat(res.body()).contains("no entry in the permission table");
    assertThat(http("GET", "/v1/not-a-route", null, null).statusCode()).as("anonymous").isEqualTo(401);
  }

  @Test
  void webSocketWithoutCredentialsIsRefusedAndWithAKeyAccepted() {
    URI uri = URI.create("ws://127.0.0.1:" + node.boundPorts().get("http") + "/ws/events");
    assertThatThrownBy(() -> HTTP.newWebSocketBuilder()
            .header("Origin", "http://127.0.0.1:" + node.boundPorts().get("http")).buildAsync(uri, new WebSocket.Listener() {}).join())
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(WebSocketHandshakeException.class)
        .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode())
            .isEqualTo(401));
    // Armeria accepts WebSocket upgrades from the same origin only.
    WebSocket ws = HTTP.newWebSocketBuilder().header("x-api-key", adminKey)
        .header("Origin", "http://127.0.0.1:" + node.boundPorts().get("http"))
        .buildAsync(uri, new WebSocket.Listener() {}).orTimeout(10, TimeUnit.SECONDS).join();
    ws.abort();
  }

  @Test
  void exceedingAKeysRateLimitIs429WithRetryAfter() throws Exception {
    for (int i = 0; i < 2; i++) {
      assertThat(http("GET", "/v1/status", "x-api-key", limitedKey).statusCode()).as("call %d", i).isEqualTo(200);
    }
    HttpResponse<String> limited = http("GET", "/v1/status", "x-api-key", limitedKey);
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValueAsLong("retry-after").orElse(0)).isPositive();
    assertThat(limited.body()).contains("RESOURCE_EXHAUSTED");
    assertThatThrownBy(() -> grpc("x-api-key", limitedKey).getStatus(GetStatusRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
          assertThat(e.getTrailers().get(Metadata.Key.of("retry-after", Metadata.ASCII_STRING_MARSHALLER)))
              .isNotNull();
        });
  }

  /** Last: the audit log is read from the stopped node's database. */
  @Test
  @Order(Integer.MAX_VALUE)
  void deniedCallsAreAudited() throws Exception {
    http("GET", "/v1/containers", null, null);
    http("POST", "/v1/deployments", "authorization", "Bearer " + IamNodeFixture.token("dora", "viewer"));
    http("GET", "/v1/deployments", "authorization", "Basic YWRtaW46YWRtaW4=");
    node.stop();
    List<AuditEntry> entries = IamNodeFixture.withDatabase(dataDir,
        db -> db.audit().query(Instant.EPOCH, Instant.now().plusSeconds(60), 10_000));
    assertThat(entries).anySatisfy(e -> {
      assertThat(e.action()).isEqualTo("GET /v1/containers");
      assertThat(e.outcome()).isEqualTo("UNAUTHENTICATED");
      assertThat(e.remote()).isEqualTo("127.0.0.1");
    });
    assertThat(entries).anySatisfy(e -> {
      assertThat(e.action()).isEqualTo("POST /v1/deployments");
      assertThat(e.principal()).isEqualTo("dora");
      assertThat(e.outcome()).isEqualTo("DENIED");
    });
    assertThat(entries).anySatisfy(e -> {
      assertThat(e.action()).isEqualTo("GET /v1/deployments");
      assertThat(e.details()).containsEntry("reason", "UNSUPPORTED_AUTHORIZATION_SCHEME");
    });
    assertThat(entries).noneSatisfy(e -> assertThat(e.toString()).contains(adminKey));
  }

  private static NodeServiceGrpc.NodeServiceBlockingStub grpc(String header, String value) {
    var builder = GrpcClients.builder(grpcUri());
    if (header != null) {
      builder.addHeader(header, value);
    }
    return builder.build(NodeServiceGrpc.NodeServiceBlockingStub.class);
  }

  private static String grpcUri() {
    return "http://127.0.0.1:" + node.boundPorts().get("grpc");
  }

  private static HttpResponse<String> http(String method, String path, String header, String value)
      throws Exception {
    HttpRequest.Builder req = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + node.boundPorts().get("http") + path))
        .timeout(Duration.ofSeconds(20))
        .header("content-type", "application/json")
        .method(method, "POST".equals(method) ? HttpRequest.BodyPublishers.ofString("{}")
            : HttpRequest.BodyPublishers.noBody());
    if (header != null) {
      req.header(header, value);
    }
    return HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
  }
}
