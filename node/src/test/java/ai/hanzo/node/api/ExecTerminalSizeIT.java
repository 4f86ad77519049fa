package ai.hanzo.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.api.mapping.Json;
import ai.hanzo.node.api.v1.ComposeSpec;
import ai.hanzo.node.api.v1.DeployRequest;
import ai.hanzo.node.api.v1.DeploySpec;
import ai.hanzo.node.api.v1.ExecInput;
import ai.hanzo.node.api.v1.ExecOutput;
import ai.hanzo.node.api.v1.ListContainersRequest;
import ai.hanzo.node.api.v1.NodeServiceGrpc;
import ai.hanzo.node.api.v1.ServiceSpec;
import ai.hanzo.node.api.v1.TerminalSize;
import ai.hanzo.node.compute.ComputeSettings;
import ai.hanzo.node.compute.NodeCapacity;
import ai.hanzo.node.compute.Orchestrator;
import ai.hanzo.node.runtime.TestContainers;
import ai.hanzo.node.runtime.host.HostRuntimeConfig;
import ai.hanzo.node.runtime.process.ProcessRuntime;
import ai.hanzo.node.storage.NodeDatabase;
import ai.hanzo.node.storage.StorageOptions;
import com.google.protobuf.ByteString;
import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.client.grpc.GrpcClients;
import com.linecorp.armeria.client.websocket.WebSocketClient;
import com.linecorp.armeria.client.websocket.WebSocketSession;
import com.linecorp.armeria.common.websocket.WebSocketFrame;
import com.linecorp.armeria.common.websocket.WebSocketWriter;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Terminal size of an exec with a tty, end to end against a real engine running a real process container: the size
 * given at the start is what {@code stty size} sees, a resize sent mid-session is what the next {@code stty size}
 * sees (over gRPC and the WebSocket), and sizes out of range or without a tty are refused by name.
 */
class ExecTerminalSizeIT {
  /** Prints the size, waits for a line, prints it again: the test resizes in between. */
  private static final List<String> TWICE = List.of("sh", "-c", "stty size; read line; stty size");
  private static final Pattern SIZE = Pattern.compile("(\\d+) (\\d+)");

  @TempDir static Path dataDir;
  static NodeDatabase db;
  static ProcessRuntime runtime;
  static Orchestrator engine;
  static ApiFixture fixture;
  static String container;
  static NodeServiceGrpc.NodeServiceStub stub;

  @BeforeAll
  static void start() {
    db = NodeDatabase.open(StorageOptions.defaults(dataDir.resolve("node")));
    runtime = new ProcessRuntime(HostRuntimeConfig.of(dataDir.resolve("containers"), dataDir));
    engine = new Orchestrator(runtime, db.deployments(), db.config(), new ai.hanzo.node.events.EventBus(),
        ApiFixture.SELF_ID, new ComputeSettings(dataDir.resolve("volumes"), Duration.ofSeconds(5),
        Duration.ofMillis(200), NodeCapacity.host()), Clock.systemUTC(), new Random(7));
    fixture = new ApiFixture(dataDir, Optional.of(engine.engine()));
    var grpc = GrpcClients.newClient(fixture.grpcUri(), NodeServiceGrpc.NodeServiceBlockingStub.class);
    grpc.deploy(DeployRequest.newBuilder().setDeploymentId("tty").setName("tty")
        .setSpec(ComposeSpec.newBuilder().putServices("sh", ServiceSpec.newBuilder().setImage("process")
            .addAllCommand(List.of("sh", "-c", "sleep 600")).setDeploy(DeploySpec.newBuilder().setReplicas(1))
            .build()))
        .build());
    await().atMost(Duration.ofSeconds(60)).until(() -> grpc.listContainers(ListContainersRequest.newBuilder()
        .putFilters("deployment", "tty").build()).getContainersCount() == 1);
    container = grpc.listContainers(ListContainersRequest.newBuilder().putFilters("deployment", "tty").build())
        .getContainers(0).getId();
    stub = GrpcClients.newClient(fixture.grpcUri(), NodeServiceGrpc.NodeServiceStub.class);
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
  void grpcStartsAtTheGivenSizeAndTheCommandSeesAResize() throws Exception {
    Outputs out = new Outputs();
    StreamObserver<ExecInput> in = stub.execInContainer(out);
    in.onNext(ExecInput.newBuilder().setContainerId(container).addAllCommand(TWICE).setTty(true)
        .setResize(size(30, 100)).build());
    assertThat(out.awaitSizes(1)).containsExactly("30 100");
    in.onNext(ExecInput.newBuilder().setResize(size(50, 132)).build());
    in.onNext(ExecInput.newBuilder().setStdin(ByteString.copyFromUtf8("\n")).build());
    assertThat(out.awaitSizes(2)).containsExactly("30 100", "50 132");
    assertThat(out.done.get(30, TimeUnit.SECONDS).getExitCode()).isZero();
    in.onCompleted();
  }

  @Test
  void withoutASizeTheTerminalIs24By80() throws Exception {
    Outputs out = new Outputs();
    StreamObserver<ExecInput> in = stub.execInContainer(out);
    in.onNext(ExecInput.newBuilder().setContainerId(container).addAllCommand(List.of("stty", "size")).setTty(true)
        .build());
    assertThat(out.done.get(30, TimeUnit.SECONDS).getExitCode()).isZero();
    assertThat(out.sizes()).containsExactly("24 80");
    in.onCompleted();
  }

  @Test
  void grpcRefusesSizesOutOfRangeAndAResizeWithoutATty() throws Exception {
    assertThat(refusal(ExecInput.newBuilder().setContainerId(container).addCommand("true").setTty(true)
        .setResize(size(0, 80)).build(), null)).contains("resize").contains("1..10000");
    assertThat(refusal(ExecInput.newBuilder().setContainerId(container).addCommand("true").setTty(true)
        .setResize(size(24, -1)).build(), null)).contains("24x4294967295");
    assertThat(refusal(ExecInput.newBuilder().setContainerId(container).addCommand("true")
        .setResize(size(24, 80)).build(), null)).contains("resize").contains("tty");
    // mid-session: an absurd size ends the call with INVALID_ARGUMENT (and kills the command)
    assertThat(refusal(ExecInput.newBuilder().setContainerId(container).addAllCommand(TWICE).setTty(true).build(),
        ExecInput.newBuilder().setResize(size(10_001, 80)).build())).contains("10001x80");
    assertThat(refusal(ExecInput.newBuilder().setContainerId(container).addAllCommand(List.of("cat")).build(),
        ExecInput.newBuilder().setResize(size(24, 80)).build())).contains("tty");
  }

  @Test
  void webSocketStartsAtTheQuerySizeAndResizesOnATextFrame() throws Exception {
    try (ClientFactory factory = ClientFactory.builder().build()) {
      WebSocketSession session = WebSocketClient.builder(fixture.httpUri()).factory(factory).build()
          .connect("/ws/exec/" + container + "?tty=true&rows=33&cols=101" + commandQuery(TWICE))
          .get(30, TimeUnit.SECONDS);
      FrameCollector frames = new FrameCollector();
      session.inbound().subscribe(frames);
      WebSocketWriter out = session.outbound();
      StringBuilder seen = new StringBuilder();
      awaitText(frames, seen, "33 101");
      out.write(WebSocketFrame.ofText("{\"resize\": {\"rows\": 60, \"cols\": 200}}"));
      out.write(WebSocketFrame.ofBinary("\n".getBytes(StandardCharsets.UTF_8)));
      awaitText(frames, seen, "60 200");
      out.close();
    }
  }

  @Test
  void webSocketClosesWithTheReasonOnABadSize() throws Exception {
    try (ClientFactory factory = ClientFactory.builder().build()) {
      WebSocketSession session = WebSocketClient.builder(fixture.httpUri()).factory(factory).build()
          .connect("/ws/exec/" + container + "?tty=true&rows=0&cols=80" + commandQuery(TWICE))
          .get(30, TimeUnit.SECONDS);
      FrameCollector frames = new FrameCollector();
      session.inbound().subscribe(frames);
      assertThat(frames.ended.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(frames.closeCode).isEqualTo(1008);
      assertThat(frames.closeReason).contains("resize");
      session.outbound().close();
    }
  }

  private static void awaitText(FrameCollector frames, StringBuilder seen, String wanted) throws Exception {
    while (!seen.toString().contains(wanted)) {
      ExecOutput o = Json.parse(frames.next(), ExecOutput.newBuilder()).build();
      seen.append(o.getStdout().toStringUtf8());
    }
  }

  private static String commandQuery(List<String> command) {
    StringBuilder q = new StringBuilder();
    for (String arg : command) {
      q.append("&command=").append(URLEncoder.encode(arg, StandardCharsets.UTF_8));
    }
    return q.toString();
  }

  private static TerminalSize size(int rows, int cols) {
    return TerminalSize.newBuilder().setRows(rows).setCols(cols).build();
  }

  /** The INVALID_ARGUMENT description the call ends with after {@code first} (and {@code later}, when given). */
  private static String refusal(ExecInput first, ExecInput later) throws Exception {
    Outputs out = new Outputs();
    StreamObserver<ExecInput> in = stub.execInContainer(out);
    in.onNext(first);
    if (later != null) {
      in.onNext(later);
    }
    Throwable failure = out.failure.get(30, TimeUnit.SECONDS);
    Status status = Status.fromThrowable(failure);
    assertThat(status.getCode()).as(String.valueOf(status)).isEqualTo(Status.Code.INVALID_ARGUMENT);
    return status.getDescription();
  }

  /** The call's output as it arrives; how it ended. */
  private static final class Outputs implements StreamObserver<ExecOutput> {
    final StringBuffer stdout = new StringBuffer();
    final CompletableFuture<ExecOutput> done = new CompletableFuture<>();
    final CompletableFuture<Throwable> failure = new CompletableFuture<>();

    @Override
    public void onNext(ExecOutput o) {
      stdout.append(o.getStdout().toStringUtf8());
      if (o.getDone()) {
        done.complete(o);
      }
    }

    @Override
    public void onError(Throwable t) {
      failure.complete(t);
      done.completeExceptionally(t);
    }

    @Override
    public void onCompleted() {
      failure.complete(null);
    }

    List<String> sizes() {
      List<String> found = new java.util.ArrayList<>();
      Matcher m = SIZE.matcher(stdout);
      while (m.find()) {
        found.add(m.group());
      }
      return found;
    }

    List<String> awaitSizes(int count) {
      await().atMost(Duration.ofSeconds(30)).until(() -> sizes().size() >= count);
      return sizes();
    }
  }
}
