package ai.hanzo.node.api;

import ai.hanzo.node.compute.Tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.api.v1.DeploymentStatus;
import ai.hanzo.node.api.v1.GetStatusResponse;
import ai.hanzo.node.api.v1.HealthStatus;
import ai.hanzo.node.compute.ComputeSettings;
import ai.hanzo.node.compute.DeploymentRequest;
import ai.hanzo.node.compute.NodeCapacity;
import ai.hanzo.node.compute.Orchestrator;
import ai.hanzo.node.events.EventBus;
import ai.hanzo.node.runtime.InMemoryRuntime;
import ai.hanzo.node.storage.NodeDatabase;
import ai.hanzo.node.storage.StorageOptions;
import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.client.websocket.WebSocketClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real API servers over an engine whose runtime stops answering (every {@code list()} hangs): liveness,
 * GetHealth and GetStatus (gRPC and HTTP) still answer at once, GetStatus with the deployments as last seen
 * (issue 12 item 5).
 */
class SlowRuntimeIT {
  private static final Duration AT_ONCE = Duration.ofSeconds(3);

  @TempDir Path dataDir;
  NodeDatabase db;
  InMemoryRuntime runtime;
  Orchestrator engine;
  ApiFixture fixture;

  @BeforeEach
  void start() {
    db = NodeDatabase.open(StorageOptions.defaults(dataDir.resolve("node")));
    runtime = new InMemoryRuntime(dataDir, Clock.systemUTC());
    engine = new Orchestrator(runtime, db.deployments(), db.config(), new EventBus(),
        ApiFixture.SELF_ID, new ComputeSettings(dataDir.resolve("volumes"), Duration.ofSeconds(5),
        Duration.ofMillis(100), NodeCapacity.host()), Clock.systemUTC(), new Random(3));
    engine.start();
    fixture = new ApiFixture(dataDir, Optional.of(engine.engine()));
  }

  @AfterEach
  void stop() {
    runtime.releaseLists();
    runtime.releaseLogs();
    if (fixture != null) {
      fixture.close();
    }
    engine.close();
    runtime.close();
    db.close();
  }

  @Test
  void healthAndStatusAnswerWhileTheRuntimeHangs() throws Exception {
    engine.deploy(Tenant.ALL, new DeploymentRequest("web", "web", new DeploymentRequest.ComposeProject("3", "web",
        Map.of("app", new DeploymentRequest.ServiceDefinition("", List.of("sleep", "600"), List.of(), Map.of(),
            List.of(), List.of(), List.of(), 2, null, null, null, "always")), Map.of(), Map.of()),
        Map.of(), new DeploymentRequest.Options("", "", Map.of(), null)));
    GrpcTransport grpc = new GrpcTransport(fixture.grpcUri());
    HttpTransport http = new HttpTransport(fixture.httpUri());
    await().atMost(Duration.ofSeconds(30)).until(() -> readyOf(grpc.status("")) == 2);

    runtime.blockLists();

    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<String> liveness = atOnce(() -> send(client, fixture.httpUri() + "/liveness"));
    assertThat(liveness.statusCode()).isEqualTo(200);
    assertThat(atOnce(grpc::health).getStatus()).isEqualTo(HealthStatus.HEALTH_STATUS_HEALTHY);
    assertThat(readyOf(atOnce(() -> grpc.status("")))).as("gRPC GetStatus, as last seen").isEqualTo(2);
    assertThat(readyOf(atOnce(() -> http.status("")))).as("GET /v1/status, as last seen").isEqualTo(2);
  }

  /**
   * Log streams (NDJSON and WebSocket) whose opening waits for the runtime leave the event loops free: liveness,
   * GetHealth and GetStatus still answer at once (issue 12 item 8: the NDJSON route opened its stream on the event
   * loop, so two such requests stopped both of the servers' event loops).
   */
  @Test
  void healthAnswersWhileLogStreamsWaitForTheRuntime() throws Exception {
    deployWeb();
    GrpcTransport grpc = new GrpcTransport(fixture.grpcUri());
    await().atMost(Duration.ofSeconds(30)).until(() -> readyOf(grpc.status("")) == 2);

    runtime.blockLogs();
    // HTTP/1.1: one connection per stream (an h2c upgrade would queue the others behind the first answer)
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String http = fixture.httpUri();
    try (ClientFactory factory = ClientFactory.builder().build()) {
      WebSocketClient webSockets = WebSocketClient.builder(http.replace("http:", "h1c:")).factory(factory).build();
      for (int i = 0; i < 4; i++) {
        client.sendAsync(HttpRequest.newBuilder(URI.create(http + "/v1/deployments/web/logs?follow=true")).build(),
            HttpResponse.BodyHandlers.discarding());
        webSockets.connect("/ws/logs/web?follow=true");
      }
      // Two waiting opens were enough to stop both event loops before.
      await().atMost(Duration.ofSeconds(30)).until(() -> runtime.logsWaiting() >= 2);
      answersAtOnceAndEveryOpeningReachesTheRuntime(grpc);
    }
  }

  private void answersAtOnceAndEveryOpeningReachesTheRuntime(GrpcTransport grpc) throws Exception {
    HttpClient other = HttpClient.newHttpClient();
    assertThat(atOnce(() -> send(other, fixture.httpUri() + "/liveness")).statusCode()).isEqualTo(200);
    assertThat(atOnce(grpc::health).getStatus()).isEqualTo(HealthStatus.HEALTH_STATUS_HEALTHY);
    assertThat(readyOf(atOnce(() -> grpc.status("")))).as("gRPC GetStatus").isEqualTo(2);
    // Every stream's opening reached the runtime: none waits behind another on a stopped event loop.
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(runtime.logsWaiting())
        .as("log streams whose opening reached the runtime").isGreaterThanOrEqualTo(8));
  }

  private void deployWeb() {
    engine.deploy(Tenant.ALL, new DeploymentRequest("web", "web", new DeploymentRequest.ComposeProject("3", "web",
        Map.of("app", new DeploymentRequest.ServiceDefinition("", List.of("sleep", "600"), List.of(), Map.of(),
            List.of(), List.of(), List.of(), 2, null, null, null, "always")), Map.of(), Map.of()),
        Map.of(), new DeploymentRequest.Options("", "", Map.of(), null)));
  }

  private static int readyOf(GetStatusResponse status) {
    return status.getDeploymentsList().stream().filter(d -> d.getDeploymentId().equals("web"))
        .mapToInt(DeploymentStatus::getReadyReplicas).findFirst().orElse(-1);
  }

  private static HttpResponse<String> send(HttpClient client, String uri) {
    try {
      return client.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static <T> T atOnce(Supplier<T> call) throws Exception {
    return CompletableFuture.supplyAsync(call).get(AT_ONCE.toMillis(), TimeUnit.MILLISECONDS);
  }
}
