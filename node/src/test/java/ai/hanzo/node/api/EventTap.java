package ai.hanzo.node.api;

import ai.hanzo.node.api.LiveNodes.Wire;
import ai.hanzo.node.api.v1.GetEventsRequest;
import ai.hanzo.node.api.v1.NodeEvent;
import ai.hanzo.node.api.v1.NodeServiceGrpc;
import ai.hanzo.node.app.NodeApp;
import com.google.protobuf.util.JsonFormat;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.client.grpc.GrpcClients;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.RequestHeaders;
import io.grpc.Context;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/** Every event a caller receives on the node's event stream over one transport, from its opening until closed. */
final class EventTap implements AutoCloseable {
  private final Queue<NodeEvent> events = new ConcurrentLinkedQueue<>();
  private Runnable closer = () -> {};

  static EventTap open(Wire wire, NodeApp node, String apiKey) {
    EventTap tap = new EventTap();
    if (wire == Wire.GRPC) {
      tap.openGrpc(node, apiKey);
    } else {
      tap.openHttp(node, apiKey);
    }
    return tap;
  }

  private void openGrpc(NodeApp node, String apiKey) {
    NodeServiceGrpc.NodeServiceStub stub = GrpcClients.builder("http://127.0.0.1:" + node.boundPorts().get("grpc"))
        .addHeader("x-api-key", apiKey).build(NodeServiceGrpc.NodeServiceStub.class);
    Context.CancellableContext call = Context.current().withCancellation();
    call.run(() -> stub.getEvents(GetEventsRequest.getDefaultInstance(), new StreamObserver<>() {
      @Override
      public void onNext(NodeEvent e) {
        events.add(e);
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {}
    }));
    closer = () -> call.cancel(null);
  }

  private void openHttp(NodeApp node, String apiKey) {
    HttpResponse response = WebClient.builder("http://127.0.0.1:" + node.boundPorts().get("http"))
        .responseTimeoutMillis(0).build().execute(HttpRequest.of(RequestHeaders.builder(HttpMethod.GET,
            "/v1/events").add("x-api-key", apiKey).build()));
    StringBuilder partial = new StringBuilder();
    response.split().body().subscribe(new Subscriber<HttpData>() {
      @Override
      public void onSubscribe(Subscription s) {
        s.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(HttpData data) {
        partial.append(data.toStringUtf8());
        for (int nl = partial.indexOf("\n"); nl >= 0; nl = partial.indexOf("\n")) {
          String line = partial.substring(0, nl);
          partial.delete(0, nl + 1);
          NodeEvent.Builder b = NodeEvent.newBuilder();
          try {
            JsonFormat.parser().ignoringUnknownFields().merge(line, b);
          } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException("not an event: " + line, e);
          }
          events.add(b.build());
        }
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onComplete() {}
    });
    closer = response::abort;
  }

  boolean seen(String type, String deploymentId) {
    return events.stream().anyMatch(e -> e.getEventType().equals(type)
        && deploymentId.equals(e.getAttributesMap().get("deployment")));
  }

  /** The deployments the received events concern. */
  List<String> deployments() {
    return events.stream().map(e -> e.getAttributesMap().get("deployment")).filter(Objects::nonNull).toList();
  }

  /** The owning orgs the received events name. */
  List<String> orgs() {
    return events.stream().map(e -> e.getAttributesMap().get("org")).filter(Objects::nonNull).toList();
  }

  @Override
  public void close() {
    closer.run();
  }
}
