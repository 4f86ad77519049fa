package ai.hanzo.node.api;

import ai.hanzo.node.api.mapping.Json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.api.v1.ComposeSpec;
import ai.hanzo.node.api.v1.DeployRequest;
import ai.hanzo.node.api.v1.RemoveRequest;
import ai.hanzo.node.api.v1.ServiceSpec;
import ai.hanzo.node.app.NodeApp;
import ai.hanzo.node.config.ApiConfig;
import ai.hanzo.node.config.HostPort;
import ai.hanzo.node.config.IamConfig;
import ai.hanzo.node.config.LogFormat;
import ai.hanzo.node.config.LogLevel;
import ai.hanzo.node.config.LoggingConfig;
import ai.hanzo.node.config.NodeConfig;
import ai.hanzo.node.config.NodeVersion;
import ai.hanzo.node.config.P2pConfig;
import ai.hanzo.node.config.RuntimeConfig;
import ai.hanzo.node.config.StorageConfig;
import ai.hanzo.node.config.TlsConfig;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.RequestHeadersBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cross-site attack of issue 12 against a real node without IAM (the default) running the process runtime: a
 * page of another site POSTs a deployment as text/plain, or reaches the node through a rebound DNS name. Both are
 * refused before anything is created or run; the node's own origin, the probes and gRPC keep working.
 */
class BrowserRequestGuardIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String CONFIGURED_HOST = "node.example";

  @TempDir
  static Path root;
  private static NodeApp node;
  private static WebClient http;
  private static GrpcTransport grpc;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    Path dataDir = root.resolve("data");
    NodeConfig config = new NodeConfig("guarded-node", dataDir, "43113", "", false,
        new ApiConfig(new HostPort("127.0.0.1", 0), new HostPort("127.0.0.1", 0), Duration.ofSeconds(1), false,
            TlsConfig.NONE, List.of(CONFIGURED_HOST)),
        new P2pConfig("/ip4/127.0.0.1/tcp/0", List.of(), false, List.of(), P2pConfig.DEFAULT_MAX_PEERS, true, true,
            Duration.ofSeconds(10), Duration.ofSeconds(30)),
        new StorageConfig(Duration.ofHours(1)), new LoggingConfig(LogLevel.WARN, LogFormat.TEXT, false),
        IamConfig.disabled(), new RuntimeConfig("process", ""));
    node = new NodeApp(config, new NodeVersion("7.7.7-guard", "test"));
    try {
      node.start();
    } catch (Exception | Error e) {
      node.stop();
      throw e;
    }
    port = node.boundPorts().get("http");
    http = WebClient.of("http://127.0.0.1:" + port);
    grpc = new GrpcTransport("http://127.0.0.1:" + node.boundPorts().get("grpc"));
  }

  @AfterAll
  static void stop() {
    if (node == null) {
      return;
    }
    try {
      grpc.deployments().getDeploymentsList().forEach(d ->
          grpc.remove(RemoveRequest.newBuilder().setDeploymentId(d.getDeploymentId()).build()));
    } finally {
      node.stop();
    }
  }

  private static String deployment(String id, Path marker) {
    return Json.print(DeployRequest.newBuilder().setDeploymentId(id).setName(id).setSpec(ComposeSpec.newBuilder()
        .putServices("app", ServiceSpec.newBuilder().setImage("process")
            .addAllCommand(List.of("sh", "-c", "touch " + marker + "; exec sleep 600")).build())).build());
  }

  private static AggregatedHttpResponse send(HttpMethod method, String path, String authority, String origin,
      MediaType type, String body) {
    RequestHeadersBuilder headers = RequestHeaders.builder(method, path);
    if (authority != null) {
      headers.authority(authority);
    }
    if (origin != null) {
      headers.add("origin", origin);
    }
    if (type != null) {
      headers.contentType(type);
    }
    HttpRequest req = body == null ? HttpRequest.of(headers.build()) : HttpRequest.of(headers.build(),
        com.linecorp.armeria.common.HttpData.ofUtf8(body));
    return http.execute(req).aggregate().join();
  }

  private static boolean deployed(String id) {
    return grpc.deployments().getDeploymentsList().stream().anyMatch(d -> d.getDeploymentId().equals(id));
  }

  @Test
  void theCrossSiteAttackIsRefusedAndNothingRunsWhileTheNodesOwnOriginWorks() throws Exception {
    Path attackMarker = root.resolve("attack-ran");
    AggregatedHttpResponse attack = send(HttpMethod.POST, "/v1/deployments", null, "http://evil.example",
        MediaType.PLAIN_TEXT_UTF_8, deployment("attack", attackMarker));
    assertThat(attack.status().code()).isEqualTo(403);
    assertThat(attack.contentType().is(MediaType.JSON)).isTrue();
    assertThat(attack.contentUtf8()).contains("PERMISSION_DENIED").contains("http://evil.example");

    // The same text/plain body without Origin (a form, curl -d): refused by the body rule.
    AggregatedHttpResponse plain = send(HttpMethod.POST, "/v1/deployments", null, null,
        MediaType.PLAIN_TEXT_UTF_8, deployment("attack", attackMarker));
    assertThat(plain.status().code()).isEqualTo(415);
    assertThat(plain.contentUtf8()).contains("application/json");
    // ...and one without any Content-Type at all.
    AggregatedHttpResponse untyped = send(HttpMethod.POST, "/v1/deployments", null, null, null,
        deployment("attack", attackMarker));
    assertThat(untyped.status().code()).isEqualTo(415);
    // A JSON body does not help a foreign page either.
    assertThat(send(HttpMethod.POST, "/v1/deployments", null, "http://evil.example", MediaType.JSON,
        deployment("attack", attackMarker)).status().code()).isEqualTo(403);

    // The node's own origin (its future /ui/ dashboard) deploys, and that deployment runs.
    Path ownMarker = root.resolve("own-ran");
    AggregatedHttpResponse own = send(HttpMethod.POST, "/v1/deployments", null, "http://127.0.0.1:" + port,
        MediaType.JSON_UTF_8, deployment("own", ownMarker));
    assertThat(own.status().code()).as(own.contentUtf8()).isEqualTo(201);
    await().atMost(WAIT).until(() -> Files.exists(ownMarker));

    // By now the refused deployment would have run too, had it been accepted.
    assertThat(deployed("attack")).isFalse();
    assertThat(deployed("own")).isTrue();
    assertThat(attackMarker).doesNotExist();
  }

  @Test
  void aReboundHostNameIsRefusedEvenForReads() {
    String rebound = "attacker.example:" + port;
    AggregatedHttpResponse read = send(HttpMethod.GET, "/v1/deployments", rebound, null, null, null);
    assertThat(read.status().code()).isEqualTo(403);
    assertThat(read.contentUtf8()).contains("attacker.example").contains("--http-allowed-hosts");
    // Same-origin with the rebound name, as the browser sees it: still the Host that gives it away.
    AggregatedHttpResponse write = send(HttpMethod.POST, "/v1/deployments", rebound, "http://" + rebound,
        MediaType.JSON, deployment("rebound", root.resolve("rebound-ran")));
    assertThat(write.status().code()).isEqualTo(403);
    assertThat(deployed("rebound")).isFalse();
    assertThat(send(HttpMethod.GET, "/ws/events", rebound, null, null, null).status().code()).isEqualTo(403);
  }

  @Test
  void loopbackNamesAndConfiguredHostsAreAccepted() {
    for (String host : List.of("localhost:" + port, "127.0.0.1:" + port, "127.1.2.3:" + port,
        "LOCALHOST:" + port, CONFIGURED_HOST + ":" + port, "Node.Example.:" + port)) {
      assertThat(send(HttpMethod.GET, "/v1/deployments", host, null, null, null).status().code()).as(host)
          .isEqualTo(200);
    }
    assertThat(send(HttpMethod.GET, "/v1/deployments", CONFIGURED_HOST + ":" + port, "http://" + CONFIGURED_HOST
        + ":" + port, null, null).status().code()).isEqualTo(200);
    // Same host, another port: another origin.
    assertThat(send(HttpMethod.GET, "/v1/deployments", "127.0.0.1:" + port, "http://127.0.0.1:1", null, null)
        .status().code()).isEqualTo(403);
    assertThat(send(HttpMethod.GET, "/v1/deployments", "127.0.0.1:" + port, "null", null, null)
        .status().code()).isEqualTo(403);
  }

  @Test
  void probesAnswerAnyHostAndOrigin() {
    for (String path : List.of("/health", "/liveness", "/readiness")) {
      assertThat(send(HttpMethod.GET, path, "10.1.2.3:" + port, "http://evil.example", null, null).status()
          .code()).as(path).isEqualTo(200);
    }
  }

  @Test
  void nativeGrpcIsUnaffectedWhileBrowserGrpcWebFollowsTheSameRules() {
    assertThat(grpc.deployments()).isNotNull();
    assertThat(grpc.health().getStatus()).isNotNull();
    int grpcPort = node.boundPorts().get("grpc");
    WebClient grpcWeb = WebClient.of("http://127.0.0.1:" + grpcPort);
    for (String[] hostAndOrigin : new String[][] {
        {"127.0.0.1:" + grpcPort, "http://evil.example"},
        {"attacker.example:" + grpcPort, "http://attacker.example:" + grpcPort}}) {
      RequestHeaders headers = RequestHeaders.builder(HttpMethod.POST, "/hanzo.node.v1.NodeService/GetHealth")
          .authority(hostAndOrigin[0]).add("origin", hostAndOrigin[1])
          .contentType(MediaType.parse("application/grpc-web+proto")).build();
      AggregatedHttpResponse res = grpcWeb.execute(HttpRequest.of(headers,
          com.linecorp.armeria.common.HttpData.wrap(new byte[5]))).aggregate().join();
      assertThat(res.status().code()).as(hostAndOrigin[0]).isEqualTo(403);
    }
  }
}
