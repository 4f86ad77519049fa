package ai.hanzo.node.api;

import ai.hanzo.node.api.mapping.Json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.client.ClientSettings;
import ai.hanzo.node.client.NodeClient;
import ai.hanzo.node.api.v1.ComposeSpec;
import ai.hanzo.node.api.v1.DeployRequest;
import ai.hanzo.node.api.v1.DeploySpec;
import ai.hanzo.node.api.v1.ExecInput;
import ai.hanzo.node.api.v1.ExecOutput;
import ai.hanzo.node.api.v1.ListContainersRequest;
import ai.hanzo.node.api.v1.NodeServiceGrpc;
import ai.hanzo.node.api.v1.ServiceSpec;
import ai.hanzo.node.compute.ComputeSettings;
import ai.hanzo.node.compute.NodeCapacity;
import ai.hanzo.node.compute.Orchestrator;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.runtime.TestContainers;
import ai.hanzo.node.runtime.host.HostRuntimeConfig;
import ai.hanzo.node.runtime.process.ProcessRuntime;
import ai.hanzo.node.storage.NodeDatabase;
import ai.hanzo.node.storage.StorageOptions;
import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.client.grpc.GrpcClients;
import com.linecorp.armeria.client.websocket.WebSocketClient;
import com.linecorp.armeria.client.websocket.WebSocketSession;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.websocket.WebSocketFrame;
import com.linecorp.armeria.common.websocket.WebSocketWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ExecInContainer over gRPC (through the CLI's client), HTTP and WebSocket, against a real engine running a real
 * process container.
 */
class ExecIT {
  @TempDir static Path dataDir;
  static NodeDatabase db;
  static ProcessRuntime runtime;
  static Orchestrator engine;
  static ApiFixture fixture;
  static String container;

  @BeforeAll
  static void start() {
    db = NodeDatabase.open(StorageOptions.defaults(dataDir.resolve("node")));
    runtime = new ProcessRuntime(HostRuntimeConfig.of(dataDir.resolve("containers"), dataDir));
    engine = new Orchestrator(runtime, db.deployments(), db.config(),
        new ai.hanzo.node.events.EventBus(),
        ApiFixture.SELF_ID, new ComputeSettings(dataDir.resolve("volumes"), Duration.ofSeconds(5),
        Duration.ofMillis(200), NodeCapacity.host()), Clock.systemUTC(), new Random(7));
    fixture = new ApiFixture(dataDir, Optional.of(engine.engine()));
    var grpc = GrpcClients.newClient(fixture.grpcUri(), NodeServiceGrpc.NodeServiceBlockingStub.class);
    grpc.deploy(DeployRequest.newBuilder().setDeploymentId("shell").setName("shell")
        .setSpec(ComposeSpec.newBuilder().putServices("sh", ServiceSpec.newBuilder().setImage("process")
            .addAllCommand(List.of("sh", "-c", "sleep 600")).setDeploy(DeploySpec.newBuilder().setReplicas(1))
            .build()))
        .build());
    await().atMost(Duration.ofSeconds(60)).until(() -> grpc.listContainers(ListContainersRequest.newBuilder()
        .putFilters("deployment", "shell").build()).getContainersCount() == 1);
    container = grpc.listContainers(ListContainersRequest.newBuilder().putFilters("deployment", "shell").build())
        .getContainers(0).getId();
  }

  @AfterAll
  static void stop() {
    fixture.close();
    engine.close();
    TestContainers.removeAll(runtime);
    runtime.close();
    db.close();
  }

  @Test
  void grpcFeedsStdinAndReturnsOutputAndTheExitCode() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (NodeClient client = client()) {
      int exit = client.exec(container, List.of("sh", "-c", "cat; echo oops >&2; exit 3"), false,
          new ByteArrayInputStream("line one\nline two\n".getBytes(StandardCharsets.UTF_8)), out, err);
      assertThat(exit).isEqualTo(3);
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("line one\nline two\n");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("oops\n");
  }

  @Test
  void grpcRefusesAnUnknownContainerAndAMissingCommand() {
    try (NodeClient client = client()) {
      assertThat(code(() -> client.exec("no-such-container", List.of("true"), false,
          new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), new ByteArrayOutputStream())))
          .isEqualTo(ErrorCode.NOT_FOUND);
      assertThat(code(() -> client.exec(container, List.of(""), false, new ByteArrayInputStream(new byte[0]),
          new ByteArrayOutputStream(), new ByteArrayOutputStream()))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    }
  }

  @Test
  void httpRunsACommandToItsEnd() throws Exception {
    String body = "{\"command\": [\"sh\", \"-c\", \"tr a-z A-Z; exit 4\"], \"stdin\": \""
        + Base64.getEncoder().encodeToString("shout".getBytes(StandardCharsets.UTF_8)) + "\"}";
    AggregatedHttpResponse res = post("/v1/containers/" + container + "/exec", body);
    assertThat(res.status().code()).as(res.contentUtf8()).isEqualTo(200);
    ExecOutput output = Json.parse(res.contentUtf8(), ExecOutput.newBuilder()).build();
    assertThat(output.getStdout().toStringUtf8()).isEqualTo("SHOUT");
    assertThat(output.getExitCode()).isEqualTo(4);
    assertThat(output.getDone()).isTrue();
  }

  @Test
  void httpAnswersBadRequestsWithTheirReason() {
    AggregatedHttpResponse unknown = post("/v1/containers/nope/exec", "{\"command\": [\"true\"]}");
    assertThat(unknown.status().code()).isEqualTo(404);
    assertThat(unknown.contentUtf8()).contains("nope");
    AggregatedHttpResponse timeout = post("/v1/containers/" + container + "/exec?timeout_seconds=0",
        "{\"command\": [\"true\"]}");
    assertThat(timeout.status().code()).isEqualTo(400);
    assertThat(timeout.contentUtf8()).contains("timeout_seconds");
    AggregatedHttpResponse notJson = post("/v1/containers/" + container + "/exec", "{\"command\": 7}");
    assertThat(notJson.status().code()).isEqualTo(400);
  }

  @Test
  void aTimedOutHttpExecKillsTheCommand() throws Exception {
    AggregatedHttpResponse res = post("/v1/containers/" + container + "/exec?timeout_seconds=1",
        "{\"command\": [\"sh\", \"-c\", \"echo $$ > /tmp/hanzo-exec-it.pid; exec sleep 300\"]}");
    assertThat(res.status().code()).isEqualTo(503);
    long pid = Long.parseLong(java.nio.file.Files.readString(Path.of("/tmp/hanzo-exec-it.pid")).trim());
    await().atMost(Duration.ofSeconds(30)).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
  }

  @Test
  void webSocketIsInteractive() throws Exception {
    try (ClientFactory factory = ClientFactory.builder().build()) {
      WebSocketSession session = WebSocketClient.builder(fixture.httpUri()).factory(factory).build()
          .connect("/ws/exec/" + container + "?command=cat").get(30, TimeUnit.SECONDS);
      FrameCollector frames = new FrameCollector();
      session.inbound().subscribe(frames);
      WebSocketWriter out = session.outbound();
      out.write(WebSocketFrame.ofBinary("hello".getBytes(StandardCharsets.UTF_8)));
      ExecOutput first = Json.parse(frames.next(), ExecOutput.newBuilder()).build();
      assertThat(first.getStdout().toStringUtf8()).isEqualTo("hello");
      out.write(WebSocketFrame.ofText("{\"stdin\": \""
          + Base64.getEncoder().encodeToString(" world".getBytes(StandardCharsets.UTF_8)) + "\"}"));
      assertThat(Json.parse(frames.next(), ExecOutput.newBuilder()).build().getStdout().toStringUtf8())
          .isEqualTo(" world");
      out.write(WebSocketFrame.ofBinary(new byte[0])); // end of stdin: cat exits 0
      ExecOutput last = Json.parse(frames.next(), ExecOutput.newBuilder()).build();
      assertThat(last.getDone()).isTrue();
      assertThat(last.getExitCode()).isZero();
      assertThat(frames.ended.await(30, TimeUnit.SECONDS)).isTrue();
      out.close();
    }
  }

  @Test
  void webSocketWithoutACommandClosesWithTheReason() throws Exception {
    try (ClientFactory factory = ClientFactory.builder().build()) {
      WebSocketSession session = WebSocketClient.builder(fixture.httpUri()).factory(factory).build()
          .connect("/ws/exec/" + container).get(30, TimeUnit.SECONDS);
      FrameCollector frames = new FrameCollector();
      session.inbound().subscribe(frames);
      WebSocketWriter out = session.outbound();
      out.write(WebSocketFrame.ofBinary("x".getBytes(StandardCharsets.UTF_8)));
      assertThat(frames.ended.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(frames.closeReason).contains("command");
      out.close();
    }
  }

  private static AggregatedHttpResponse post(String path, String json) {
    return WebClient.of(fixture.httpUri()).execute(HttpRequest.of(HttpMethod.POST, path, MediaType.JSON_UTF_8,
        json)).aggregate().join();
  }

  private static NodeClient client() {
    return new NodeClient(new ClientSettings(fixture.grpcUri(), null, null, Duration.ofSeconds(30)));
  }

  private static ErrorCode code(Runnable call) {
    try {
      call.run();
    } catch (NodeException e) {
      return e.code();
    }
    throw new AssertionError("the call succeeded");
  }
}
