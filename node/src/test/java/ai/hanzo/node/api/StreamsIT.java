package ai.hanzo.node.api;

import ai.hanzo.node.api.endpoint.EventStreams;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.api.v1.GetEventsRequest;
import ai.hanzo.node.api.v1.GetMetricsRequest;
import ai.hanzo.node.api.v1.MetricsResponse;
import ai.hanzo.node.api.v1.NodeEvent;
import ai.hanzo.node.api.v1.NodeServiceGrpc;
import ai.hanzo.node.events.DomainEvent;
import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.client.grpc.GrpcClients;
import com.linecorp.armeria.client.websocket.WebSocketClient;
import com.linecorp.armeria.client.websocket.WebSocketSession;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GetMetrics and GetEvents over gRPC and WebSocket: follow, filter, cancel, deadline, slow consumer. After every
 * test no stream may be left open on the node: that is the point of the {@link #nothingLeftBehind} check.
 */
class StreamsIT {
  @TempDir static Path dataDir;
  static ApiFixture fixture;
  static NodeServiceGrpc.NodeServiceStub stub;

  @BeforeAll
  static void start() {
    fixture = new ApiFixture(dataDir);
    stub = GrpcClients.builder(fixture.grpcUri()).responseTimeoutMillis(0).build(NodeServiceGrpc.NodeServiceStub.class);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @AfterEach
  void nothingLeftBehind() {
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(fixture.bus.subscriberCount()).as("event subscriptions").isZero();
      assertThat(fixture.api.metrics().openStreams()).as("metric streams").isZero();
    });
  }

  /**
   * A WebSocket on its own client factory: Armeria's client cannot open a WebSocket on an HTTP/2 connection it
   * pooled for plain requests (the server answers 405), so each WebSocket gets a fresh connection.
   */
  private WebSocketSession webSocket(String uri, String path) throws Exception {
    ClientFactory factory = ClientFactory.builder().build();
    factories.add(factory);
    return WebSocketClient.builder(uri).factory(factory).build().connect(path).get(30, TimeUnit.SECONDS);
  }

  private final List<ClientFactory> factories = new ArrayList<>();

  @AfterEach
  void closeClients() {
    factories.forEach(ClientFactory::close);
  }

  private static void publish(String type, String id) {
    fixture.bus.publish(new DomainEvent(Instant.now(), type, "node", id, "test event", Map.of("k", "v")));
  }

  /** Records messages and the terminal status; lets the test cancel or pace the call. */
  static final class Recorder<T> implements ClientResponseObserver<Object, T> {
    final BlockingQueue<T> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<Status> done = new CompletableFuture<>();
    final int initialRequest;
    volatile ClientCallStreamObserver<Object> call;

    Recorder(int initialRequest) {
      this.initialRequest = initialRequest;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<Object> requestStream) {
      call = requestStream;
      if (initialRequest >= 0) {
        requestStream.disableAutoRequestWithInitial(initialRequest);
      }
    }

    @Override
    public void onNext(T value) {
      messages.add(value);
    }

    @Override
    public void onError(Throwable t) {
      done.complete(Status.fromThrowable(t));
    }

    @Override
    public void onCompleted() {
      done.complete(Status.OK);
    }

    T next() throws InterruptedException {
      T value = messages.poll(30, TimeUnit.SECONDS);
      if (value == null) {
        throw new AssertionError("no stream message within 30 s");
      }
      return value;
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static <T> io.grpc.stub.StreamObserver<T> raw(Recorder<T> r) {
    return (io.grpc.stub.StreamObserver) r;
  }

  @Test
  void grpcMetricsFollowUntilCancelled() throws Exception {
    Recorder<MetricsResponse> r = new Recorder<>(-1);
    stub.getMetrics(GetMetricsRequest.newBuilder().setIntervalSeconds(1).build(), raw(r));
    MetricsResponse first = r.next();
    assertThat(first.getMetrics().getMemoryUsage()).isGreaterThan(0);
    assertThat(r.next().getTimestamp()).isGreaterThanOrEqualTo(first.getTimestamp());
    r.call.cancel("done", null);
    assertThat(r.done.get(30, TimeUnit.SECONDS).getCode()).isEqualTo(Status.Code.CANCELLED);
  }

  @Test
  void grpcMetricsRejectAnIntervalOutOfRange() throws Exception {
    Recorder<MetricsResponse> r = new Recorder<>(-1);
    stub.getMetrics(GetMetricsRequest.newBuilder().setIntervalSeconds(3601).build(), raw(r));
    Status status = r.done.get(30, TimeUnit.SECONDS);
    assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(status.getDescription()).startsWith("interval_seconds:");
  }

  @Test
  void grpcEventsAreFilteredAndCancellationUnsubscribes() throws Exception {
    Recorder<NodeEvent> r = new Recorder<>(-1);
    stub.getEvents(GetEventsRequest.newBuilder().addEventTypes("node.offline").build(), raw(r));
    await().until(() -> fixture.bus.subscriberCount() == 1);
    publish("deployment.created", "d1");
    publish("node.offline", "n1");
    NodeEvent e = r.next();
    assertThat(e.getEventType()).isEqualTo("node.offline");
    assertThat(e.getResourceId()).isEqualTo("n1");
    assertThat(e.getAttributesMap()).containsEntry("k", "v");
    assertThat(r.messages).isEmpty();
    r.call.cancel("done", null);
  }

  @Test
  void aDeadlineEndsTheStreamAndReleasesIt() throws Exception {
    Recorder<NodeEvent> r = new Recorder<>(-1);
    stub.withDeadlineAfter(300, TimeUnit.MILLISECONDS).getEvents(GetEventsRequest.getDefaultInstance(), raw(r));
    assertThat(r.done.get(30, TimeUnit.SECONDS).getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
  }

  @Test
  void aSlowGrpcConsumerLosesOldEventsInsteadOfGrowingTheNodesMemory() throws Exception {
    int published = 20_000;
    Recorder<NodeEvent> r = new Recorder<>(0);
    stub.getEvents(GetEventsRequest.getDefaultInstance(), raw(r));
    await().until(() -> fixture.bus.subscriberCount() == 1);
    String padding = "x".repeat(200);
    for (int i = 0; i < published; i++) {
      publish("load.event", "e" + i + padding);
    }
    r.call.request(Integer.MAX_VALUE);
    await().atMost(Duration.ofSeconds(60)).until(() -> r.messages.stream()
        .anyMatch(m -> m.getResourceId().startsWith("e" + (published - 1) + "x")));
    long dropNotices = r.messages.stream().filter(m -> m.getEventType().equals(EventStreams.DROPPED)).count();
    assertThat(dropNotices).isPositive();
    // Whatever the transport buffered, the node kept at most its queue: most events were dropped, not held.
    assertThat(r.messages.size()).isLessThan(published / 2);
    r.call.cancel("done", null);
  }

  @Test
  void webSocketEventsFollowAndCloseReleasesTheSubscription() throws Exception {
    WebSocketSession session = webSocket(fixture.httpUri(), "/ws/events?event_types=node.online,node.offline");
    FrameCollector frames = new FrameCollector();
    session.inbound().subscribe(frames);
    await().until(() -> fixture.bus.subscriberCount() == 1);
    publish("deployment.created", "d1");
    publish("node.online", "n7");
    assertThat(frames.next()).contains("\"eventType\": \"node.online\"").contains("\"resourceId\": \"n7\"");
    session.outbound().close();
    assertThat(frames.ended.await(30, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void webSocketMetricsStreamSamplesAndStopsOnDisconnect() throws Exception {
    WebSocketSession session = webSocket(fixture.httpUri(), "/ws/metrics?interval_seconds=1");
    FrameCollector frames = new FrameCollector();
    session.inbound().subscribe(frames);
    assertThat(frames.next()).contains("\"metrics\"").contains("\"memoryUsage\"");
    assertThat(fixture.api.metrics().openStreams()).isEqualTo(1);
    session.outbound().close();
    assertThat(frames.ended.await(30, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void anInvalidWebSocketRequestClosesWithTheReason() throws Exception {
    // Over HTTP/1.1 (Upgrade: websocket), as browsers connect; the others use HTTP/2 (RFC 8441 CONNECT).
    WebSocketSession session = webSocket(fixture.httpUri().replace("http://", "h1c://"),
        "/ws/metrics?interval_seconds=0x5");
    FrameCollector frames = new FrameCollector();
    session.inbound().subscribe(frames);
    assertThat(frames.ended.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(frames.closeCode).isEqualTo(1008);
    assertThat(frames.closeReason).startsWith("interval_seconds:");
    session.outbound().close();
  }

  @Test
  void httpEventsStreamAsJsonLines() throws Exception {
    var client = com.linecorp.armeria.client.WebClient.builder(fixture.httpUri()).responseTimeoutMillis(0).build();
    var response = client.get("/v1/events?event_types=node.registered");
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    response.split().body().subscribe(new org.reactivestreams.Subscriber<>() {
      @Override
      public void onSubscribe(org.reactivestreams.Subscription s) {
        s.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(com.linecorp.armeria.common.HttpData data) {
        lines.add(data.toStringUtf8());
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onComplete() {}
    });
    await().until(() -> fixture.bus.subscriberCount() == 1);
    publish("node.registered", "n9");
    String line = lines.poll(30, TimeUnit.SECONDS);
    assertThat(line).isNotNull().endsWith("\n").contains("\"resourceId\":").contains("n9");
    response.abort();
  }
}
