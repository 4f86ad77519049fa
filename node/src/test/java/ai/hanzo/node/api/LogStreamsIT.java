package ai.hanzo.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.api.v1.GetLogsRequest;
import ai.hanzo.node.api.v1.LogEntry;
import ai.hanzo.node.api.v1.NodeServiceGrpc;
import ai.hanzo.node.compute.ComputeEngine;
import com.linecorp.armeria.client.grpc.GrpcClients;
import io.grpc.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GetLogs transport over gRPC against the compute port (a scripted producer stands in for the engine). */
class LogStreamsIT {
  @TempDir static Path dataDir;
  static ScriptedLogs logs = new ScriptedLogs(5);
  static ApiFixture fixture;
  static NodeServiceGrpc.NodeServiceStub stub;

  @BeforeAll
  static void start() {
    fixture = new ApiFixture(dataDir, Optional.of(new ComputeEngine(logs, null, null, null)));
    stub = GrpcClients.builder(fixture.grpcUri()).responseTimeoutMillis(0).build(NodeServiceGrpc.NodeServiceStub.class);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private static <T> io.grpc.stub.StreamObserver<T> raw(StreamsIT.Recorder<T> r) {
    @SuppressWarnings({"unchecked", "rawtypes"})
    io.grpc.stub.StreamObserver<T> observer = (io.grpc.stub.StreamObserver) r;
    return observer;
  }

  @Test
  void withoutFollowTheTailIsSentAndTheStreamCompletes() throws Exception {
    StreamsIT.Recorder<LogEntry> r = new StreamsIT.Recorder<>(-1);
    stub.getLogs(GetLogsRequest.newBuilder().setDeploymentId("d1").setTail(3).build(), raw(r));
    assertThat(r.done.get(30, TimeUnit.SECONDS).getCode()).isEqualTo(Status.Code.OK);
    assertThat(r.messages).extracting(LogEntry::getMessage).containsExactly("d1 line 0", "d1 line 1", "d1 line 2");
    assertThat(r.messages).allSatisfy(e -> assertThat(e.getStream()).isEqualTo("stdout"));
  }

  @Test
  void followingUntilCancelReleasesTheProducer() throws Exception {
    StreamsIT.Recorder<LogEntry> r = new StreamsIT.Recorder<>(-1);
    stub.getLogs(GetLogsRequest.newBuilder().setDeploymentId("d2").setFollow(true).build(), raw(r));
    for (int i = 0; i < 20; i++) {
      assertThat(r.next().getMessage()).isEqualTo("d2 line " + i);
    }
    r.call.cancel("done", null);
    await().atMost(Duration.ofSeconds(30)).until(() -> logs.openProducers.get() == 0);
  }

  @Test
  void aSlowReaderPausesTheProducerInsteadOfBuffering() throws Exception {
    StreamsIT.Recorder<LogEntry> r = new StreamsIT.Recorder<>(1);
    stub.getLogs(GetLogsRequest.newBuilder().setDeploymentId("d3").setFollow(true).build(), raw(r));
    assertThat(r.next().getMessage()).isEqualTo("d3 line 0");
    // An endless producer facing a reader that asked for one line must end up paused, not buffering forever.
    await().atMost(Duration.ofSeconds(60)).until(() -> logs.paused.get() == 1);
    r.call.request(5);
    for (int i = 1; i <= 5; i++) {
      assertThat(r.next().getMessage()).isEqualTo("d3 line " + i);
    }
    r.call.cancel("done", null);
    await().atMost(Duration.ofSeconds(30)).until(() -> logs.openProducers.get() == 0);
  }

  @Test
  void logsStreamOverHttpAsJsonLinesAndOverWebSocket() throws Exception {
    var http = com.linecorp.armeria.client.WebClient.of(fixture.httpUri()).blocking();
    var res = http.get("/v1/deployments/d4/logs?tail=2");
    assertThat(res.status().code()).isEqualTo(200);
    assertThat(res.contentUtf8().lines().toList()).hasSize(2)
        .allSatisfy(l -> assertThat(l).contains("\"message\":").contains("d4 line"));
    assertThat(http.get("/v1/deployments/d4/logs?tail=x").status().code()).isEqualTo(400);

    try (var factory = com.linecorp.armeria.client.ClientFactory.builder().build()) {
      var session = com.linecorp.armeria.client.websocket.WebSocketClient.builder(fixture.httpUri())
          .factory(factory).build().connect("/ws/logs/d5?follow=true").get(30, TimeUnit.SECONDS);
      FrameCollector frames = new FrameCollector();
      session.inbound().subscribe(frames);
      assertThat(frames.next()).contains("d5 line 0");
      session.outbound().close();
      assertThat(frames.ended.await(30, TimeUnit.SECONDS)).isTrue();
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> logs.openProducers.get() == 0);
  }

  @Test
  void invalidRequestsNameTheField() throws Exception {
    StreamsIT.Recorder<LogEntry> r = new StreamsIT.Recorder<>(-1);
    stub.getLogs(GetLogsRequest.newBuilder().setTail(3).build(), raw(r));
    Status status = r.done.get(30, TimeUnit.SECONDS);
    assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(status.getDescription()).startsWith("deployment_id:");
  }
}
