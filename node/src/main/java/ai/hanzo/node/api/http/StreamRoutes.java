package ai.hanzo.node.api.http;

import ai.hanzo.node.api.access.WebSocketCredentials;
import ai.hanzo.node.api.access.CallOutcome;
import ai.hanzo.node.api.endpoint.MessageSink;
import ai.hanzo.node.api.endpoint.NodeApi;
import ai.hanzo.node.api.endpoint.StreamHandle;
import ai.hanzo.node.api.mapping.ErrorMapper;
import ai.hanzo.node.api.v1.GetEventsRequest;
import ai.hanzo.node.api.v1.GetLogsRequest;
import ai.hanzo.node.api.v1.LogEntry;
import ai.hanzo.node.api.v1.GetMetricsRequest;
import ai.hanzo.node.api.v1.MetricsResponse;
import ai.hanzo.node.api.v1.NodeEvent;
import ai.hanzo.node.error.NodeException;
import com.google.protobuf.Message;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpObject;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpResponseWriter;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.websocket.WebSocket;
import com.linecorp.armeria.common.websocket.WebSocketCloseStatus;
import com.linecorp.armeria.common.websocket.WebSocketFrame;
import com.linecorp.armeria.common.websocket.WebSocketWriter;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.websocket.WebSocketService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The streams over HTTP: {@code /ws/metrics}, {@code /ws/events} and {@code /ws/logs/{id}} (WebSocket, one text
 * frame of proto3 JSON per message), {@code /v1/events} and {@code /v1/deployments/{id}/logs} (newline-delimited
 * JSON). The request travels in query parameters ({@code interval_seconds}, {@code node_id}, {@code event_types}
 * repeated or comma-separated, {@code tail}, {@code follow}, {@code since}, {@code service_name}). An invalid request
 * closes the WebSocket with a policy-violation status whose reason is the error message; the stream is released
 * when the client closes or disconnects.
 */
public final class StreamRoutes {
  private static final boolean OFF_THE_EVENT_LOOP = true;
  private static final boolean ON_THE_EVENT_LOOP = false;

  private final NodeApi api;

  public StreamRoutes(NodeApi api) {
    this.api = api;
  }

  public void addTo(ServerBuilder sb) {
    sb.service("/ws/metrics", StreamRoutes.<MetricsResponse>webSocket(ON_THE_EVENT_LOOP, (ctx, sink) ->
        api.metrics().open(metricsRequest(ctx), sink, ctx.eventLoop())));
    sb.service("/ws/events", StreamRoutes.<NodeEvent>webSocket(ON_THE_EVENT_LOOP, (ctx, sink) ->
        api.events().open(eventsRequest(ctx), sink, ctx.eventLoop())));
    sb.route().get("/v1/events").build((ctx, req) -> StreamRoutes.<NodeEvent>ndjson(ctx, sink ->
        api.events().open(eventsRequest(ctx), sink, ctx.eventLoop())));
    // Opening a log stream reads the runtime and the disk (tail, files to follow): off the event loop.
    sb.service("/ws/logs/{deployment_id}", StreamRoutes.<LogEntry>webSocket(OFF_THE_EVENT_LOOP, (ctx, sink) ->
        api.logs().open(logsRequest(ctx), sink)));
    sb.route().get("/v1/deployments/{deployment_id}/logs").build((ctx, req) -> offTheEventLoop(ctx,
        () -> StreamRoutes.<LogEntry>ndjson(ctx, sink -> api.logs().open(logsRequest(ctx), sink))));
  }

  static GetMetricsRequest metricsRequest(ServiceRequestContext ctx) {
    return GetMetricsRequest.newBuilder().setNodeId(orEmpty(ctx.queryParam("node_id")))
        .setIntervalSeconds(HttpCalls.uint32Param(ctx, "interval_seconds")).build();
  }

  static GetLogsRequest logsRequest(ServiceRequestContext ctx) {
    String since = ctx.queryParam("since");
    long sinceSeconds;
    try {
      sinceSeconds = since == null || since.isEmpty() ? 0 : Long.parseUnsignedLong(since);
    } catch (NumberFormatException e) {
      throw NodeException.invalidField("since", "must be Unix seconds, was '" + since + "'");
    }
    return GetLogsRequest.newBuilder().setDeploymentId(ctx.pathParam("deployment_id"))
        .setServiceName(orEmpty(ctx.queryParam("service_name"))).setTail(HttpCalls.uint32Param(ctx, "tail"))
        .setFollow(HttpCalls.booleanParam(ctx, "follow")).setSince(sinceSeconds).build();
  }

  static GetEventsRequest eventsRequest(ServiceRequestContext ctx) {
    List<String> types = new ArrayList<>();
    for (String v : ctx.queryParams("event_types")) {
      for (String t : v.split(",", -1)) {
        types.add(t.trim());
      }
    }
    return GetEventsRequest.newBuilder().setNodeId(orEmpty(ctx.queryParam("node_id"))).addAllEventTypes(types)
        .build();
  }

  /**
   * A WebSocket stream that {@code opener} opens, on the event loop or (for an opener that may block) on the
   * blocking executor. A client that leaves while its stream is being opened has it closed once it is open.
   */
  private static <T extends Message> WebSocketService webSocket(boolean mayBlock, Opener<T> opener) {
    return WebSocketService.builder((ctx, in) -> {
      // Streams are long-lived by design: no request timeout.
      ctx.clearRequestTimeout();
      WebSocketWriter out = WebSocket.streaming();
      Consumer<NodeException> refuse = e -> {
        CallOutcome.failed(ctx, e);
        out.close(WebSocketCloseStatus.POLICY_VIOLATION, truncate(e.getMessage()));
      };
      WriterSink<WebSocketFrame, T> sink = new WriterSink<>(out, WebSocketFrame::ofText, refuse);
      OpeningStream opening = new OpeningStream();
      // The client's close frame (or a dropped connection) ends the inbound stream: release and close ours.
      in.subscribe(new InboundWatcher(out, opening::cancel));
      out.whenComplete().handle((v, t) -> {
        opening.cancel();
        return null;
      });
      Runnable open = () -> {
        StreamHandle handle;
        try {
          handle = opener.open(ctx, sink);
        } catch (RuntimeException e) {
          refuse.accept(ErrorMapper.toNodeException(e));
          return;
        }
        if (opening.opened(handle)) {
          sink.onReady(handle::onReady);
          sink.start();
        }
      };
      if (mayBlock) {
        ctx.blockingTaskExecutor().execute(open);
      } else {
        open.run();
      }
      return out;
    }).subprotocols(WebSocketCredentials.PROTOCOL).build(); // the dashboard's credential carrier
  }

  /** Runs {@code respond} on the blocking executor; the response follows once it returns. */
  private static HttpResponse offTheEventLoop(ServiceRequestContext ctx, Supplier<HttpResponse> respond) {
    ctx.clearRequestTimeout();
    CompletableFuture<HttpResponse> response = new CompletableFuture<>();
    ctx.blockingTaskExecutor().execute(() -> {
      try {
        response.complete(respond.get());
      } catch (RuntimeException e) {
        response.complete(HttpCalls.error(e));
      }
    });
    return HttpResponse.of(response);
  }

  private static <T extends Message> HttpResponse ndjson(ServiceRequestContext ctx, SinkOpener<T> opener) {
    ctx.clearRequestTimeout();
    HttpResponseWriter res = HttpResponse.streaming();
    WriterSink<HttpObject, T> sink = new WriterSink<>(res, line -> HttpData.ofUtf8(line.replace("\n", "") + "\n"),
        e -> {
          res.tryWrite(HttpData.ofUtf8(ErrorMapper.jsonBody(e) + "\n"));
          res.close();
        });
    StreamHandle handle;
    try {
      handle = opener.open(sink);
    } catch (RuntimeException e) {
      return HttpCalls.error(e);
    }
    NodeException refused = sink.failedBeforeStart();
    if (refused != null) { // e.g. the node a placed deployment runs on refused at once: answer with its status
      handle.cancel();
      return HttpCalls.error(refused);
    }
    res.write(ResponseHeaders.of(HttpStatus.OK, com.linecorp.armeria.common.HttpHeaderNames.CONTENT_TYPE,
        MediaType.parse("application/x-ndjson")));
    sink.onReady(handle::onReady);
    sink.start();
    res.whenComplete().handle((v, t) -> {
      handle.cancel();
      return null;
    });
    return res;
  }

  static String truncate(String reason) {
    // A close frame's reason must fit in 123 bytes.
    String r = reason == null ? "" : reason;
    while (r.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 123) {
      r = r.substring(0, r.length() - 1);
    }
    return r;
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  @FunctionalInterface
  private interface Opener<T> {
    StreamHandle open(ServiceRequestContext ctx, MessageSink<T> sink);
  }

  @FunctionalInterface
  private interface SinkOpener<T> {
    StreamHandle open(MessageSink<T> sink);
  }

}
