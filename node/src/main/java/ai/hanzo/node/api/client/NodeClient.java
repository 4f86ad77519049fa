package ai.hanzo.node.api.client;

import ai.hanzo.node.api.ErrorMapper;
import ai.hanzo.node.api.v1.GetEventsRequest;
import ai.hanzo.node.api.v1.GetHealthRequest;
import ai.hanzo.node.api.v1.GetMetricsRequest;
import ai.hanzo.node.api.v1.GetStatusRequest;
import ai.hanzo.node.api.v1.MetricsResponse;
import ai.hanzo.node.api.v1.NodeEvent;
import ai.hanzo.node.api.v1.NodeServiceGrpc;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.client.grpc.GrpcClientBuilder;
import com.linecorp.armeria.client.grpc.GrpcClients;
import io.grpc.Context;
import io.grpc.StatusRuntimeException;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The CLI's connection to a running node over gRPC. Answers come back already rendered, so the CLI never handles
 * protobuf types; failures come back as {@link NodeException} carrying the node's code and message (UNAVAILABLE
 * when the node cannot be reached).
 */
public final class NodeClient implements AutoCloseable {
  private final ClientSettings settings;
  private final Renderer renderer;
  private final ClientFactory factory = ClientFactory.builder().build();
  private final NodeServiceGrpc.NodeServiceBlockingStub unary;
  private final NodeServiceGrpc.NodeServiceBlockingStub streaming;

  public NodeClient(ClientSettings settings, OutputFormat format) {
    this.settings = settings;
    this.renderer = new Renderer(format);
    this.unary = builder().responseTimeout(settings.timeout()).build(NodeServiceGrpc.NodeServiceBlockingStub.class);
    // Streams run until the user stops them: no response timeout.
    this.streaming = builder().responseTimeoutMillis(0).build(NodeServiceGrpc.NodeServiceBlockingStub.class);
  }

  private GrpcClientBuilder builder() {
    GrpcClientBuilder b = GrpcClients.builder(settings.uri()).factory(factory);
    if (settings.token() != null && !settings.token().isEmpty()) {
      b.addHeader("authorization", "Bearer " + settings.token());
    }
    if (settings.apiKey() != null && !settings.apiKey().isEmpty()) {
      b.addHeader("x-api-key", settings.apiKey());
    }
    return b;
  }

  public String health() {
    return call(() -> renderer.health(unary.getHealth(GetHealthRequest.getDefaultInstance())));
  }

  public String status(String nodeId) {
    return call(() -> renderer.status(unary.getStatus(GetStatusRequest.newBuilder().setNodeId(nodeId).build())));
  }

  public String metricsHeader() {
    return Renderer.metricsHeader();
  }

  /** Prints up to {@code count} samples (0 = until interrupted) to {@code out}, one rendered line each. */
  public void metrics(String nodeId, int intervalSeconds, long count, Consumer<String> out) {
    GetMetricsRequest request = GetMetricsRequest.newBuilder().setNodeId(nodeId).setIntervalSeconds(intervalSeconds)
        .build();
    stream(() -> streaming.getMetrics(request), count, (MetricsResponse r) -> out.accept(renderer.metricsLine(r)));
  }

  /** Prints events matching {@code types} (empty = all) until {@code count} arrived (0 = until interrupted). */
  public void events(List<String> types, long count, Consumer<String> out) {
    GetEventsRequest request = GetEventsRequest.newBuilder().addAllEventTypes(types).build();
    stream(() -> streaming.getEvents(request), count, (NodeEvent e) -> out.accept(renderer.eventLine(e)));
  }

  private <T> void stream(java.util.function.Supplier<Iterator<T>> open, long count, Consumer<T> each) {
    // A cancellable context: leaving early (count reached) cancels the call on the node instead of leaking it.
    Context.CancellableContext ctx = Context.current().withCancellation();
    try {
      ctx.run(() -> call(() -> {
        Iterator<T> it = open.get();
        long seen = 0;
        while ((count == 0 || seen < count) && it.hasNext()) {
          each.accept(it.next());
          seen++;
        }
        return null;
      }));
    } finally {
      ctx.cancel(null);
    }
  }

  private <T> T call(java.util.function.Supplier<T> rpc) {
    try {
      return rpc.get();
    } catch (StatusRuntimeException e) {
      NodeException ne = ErrorMapper.toNodeException(e);
      if (e.getStatus().getCode() == io.grpc.Status.Code.UNAVAILABLE) {
        Throwable cause = e.getStatus().getCause();
        String why = e.getStatus().getDescription() != null ? e.getStatus().getDescription()
            : cause != null && cause.getMessage() != null ? cause.getMessage() : "connection failed";
        throw new NodeException(ErrorCode.UNAVAILABLE, "cannot reach a node at " + settings.endpoint() + " (" + why
            + "); is it running? Check --endpoint or HANZO_ENDPOINT");
      }
      throw ne;
    }
  }

  @Override
  public void close() {
    factory.close();
  }
}
