package ai.hanzo.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.api.v1.CreateApiKeyRequest;
import ai.hanzo.node.api.v1.GetLogsRequest;
import ai.hanzo.node.api.v1.NodeAdminServiceGrpc;
import ai.hanzo.node.api.v1.GetMetricsRequest;
import ai.hanzo.node.api.v1.LogEntry;
import ai.hanzo.node.api.v1.MetricsResponse;
import ai.hanzo.node.api.v1.NodeServiceGrpc;
import ai.hanzo.node.config.StreamLimits;
import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.client.grpc.GrpcClients;
import com.linecorp.armeria.client.websocket.WebSocketClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The cap on streams per caller, against the IAM node of {@link LiveNodes} (its default of 64): the 65th stream of
 * one API key is refused on both transports with RESOURCE_EXHAUSTED / 429 while another key still gets one, and a
 * closed stream frees its slot.
 */
@ExtendWith(LiveNodes.Extension.class)
class StreamLimitsIT {
  private static final int LIMIT = StreamLimits.DEFAULT_PER_CALLER;

  private final LiveNodes nodes;

  StreamLimitsIT(LiveNodes nodes) {
    this.nodes = nodes;
  }

  private NodeServiceGrpc.NodeServiceStub stub(String apiKey) {
    return GrpcClients.builder(nodes.mainGrpcUri()).responseTimeoutMillis(0).addHeader("x-api-key", apiKey)
        .build(NodeServiceGrpc.NodeServiceStub.class);
  }

  /**
   * A key of its own for this test: LiveNodes' nodes are shared by the whole suite, and a stream another test left
   * open under the shared admin key would take one of this caller's slots.
   */
  private String freshKey(String name) {
    return GrpcClients.builder(nodes.mainGrpcUri()).addHeader("x-api-key", nodes.adminKey)
        .build(NodeAdminServiceGrpc.NodeAdminServiceBlockingStub.class)
        .createApiKey(CreateApiKeyRequest.newBuilder().setName(name).setRole("viewer").build()).getSecret();
  }

  /** A metrics stream, which sends its first sample at once: proof that it was let in. */
  private static StreamsIT.Recorder<MetricsResponse> metrics(NodeServiceGrpc.NodeServiceStub stub) {
    StreamsIT.Recorder<MetricsResponse> r = new StreamsIT.Recorder<>(-1);
    stub.getMetrics(GetMetricsRequest.newBuilder().setIntervalSeconds(3600).build(), raw(r));
    return r;
  }

  private static <T> io.grpc.stub.StreamObserver<T> raw(StreamsIT.Recorder<T> r) {
    @SuppressWarnings({"unchecked", "rawtypes"})
    io.grpc.stub.StreamObserver<T> observer = (io.grpc.stub.StreamObserver) r;
    return observer;
  }

  @Test
  void theStreamOverTheCallersLimitIsRefusedWhileOthersStillGetOneAndClosingFreesTheSlot() throws Exception {
    String callerKey = freshKey("stream-limits-caller");
    NodeServiceGrpc.NodeServiceStub admin = stub(callerKey);
    List<StreamsIT.Recorder<MetricsResponse>> open = new ArrayList<>();
    try {
      for (int i = 0; i < LIMIT; i++) {
        StreamsIT.Recorder<MetricsResponse> r = metrics(admin);
        open.add(r);
        assertThat(r.messages.poll(30, TimeUnit.SECONDS)).as("stream %d was let in", i).isNotNull();
      }

      // Any kind of stream counts: the refusal comes before the request is even looked at.
      StreamsIT.Recorder<LogEntry> refused = new StreamsIT.Recorder<>(-1);
      admin.getLogs(GetLogsRequest.newBuilder().setDeploymentId("any").setFollow(true).build(), raw(refused));
      Status status = refused.done.get(30, TimeUnit.SECONDS);
      assertThat(status.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
      assertThat(status.getDescription()).contains("64 streams open").contains("--max-streams-per-caller");

      AggregatedHttpResponse http = WebClient.builder(nodes.mainHttpUri()).addHeader("x-api-key", callerKey)
          .build().blocking().get("/v1/events");
      assertThat(http.status().code()).isEqualTo(429);
      assertThat(http.contentUtf8()).contains("\"code\": \"RESOURCE_EXHAUSTED\"").contains("--max-streams-per-caller");
      try (ClientFactory factory = ClientFactory.builder().build()) {
        assertThat(WebSocketClient.builder(nodes.mainHttpUri()).factory(factory)
            .addHeader("x-api-key", callerKey).build().connect("/ws/events").handle((session, failure) ->
                failure == null ? "connected" : String.valueOf(failure)).get(30, TimeUnit.SECONDS))
            .contains("429");
      }

      StreamsIT.Recorder<MetricsResponse> viewer = metrics(stub(freshKey("stream-limits-other")));
      open.add(viewer);
      assertThat(viewer.messages.poll(30, TimeUnit.SECONDS)).as("another caller still gets a stream").isNotNull();

      StreamsIT.Recorder<MetricsResponse> closed = open.remove(0);
      closed.call.cancel("freeing a slot", null);
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        StreamsIT.Recorder<MetricsResponse> again = metrics(admin);
        open.add(again);
        assertThat(again.messages.poll(5, TimeUnit.SECONDS)).as("the freed slot is taken again").isNotNull();
      });
    } finally {
      open.forEach(r -> r.call.cancel("test over", null));
    }
  }
}
