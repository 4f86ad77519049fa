package ai.hanzo.node.api.http;

import ai.hanzo.node.api.access.WebSocketCredentials;
import ai.hanzo.node.api.access.CallOutcome;
import ai.hanzo.node.api.endpoint.GenerationApi;
import ai.hanzo.node.api.endpoint.InferenceEndpoint;
import ai.hanzo.node.api.mapping.ErrorMapper;
import ai.hanzo.node.api.mapping.InferenceRequests;
import ai.hanzo.node.api.mapping.TextGeneration;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.inference.Cancellation;
import ai.hanzo.node.inference.Completion;
import ai.hanzo.node.inference.FinishReason;
import ai.hanzo.node.inference.TokenSink;
import com.linecorp.armeria.common.websocket.WebSocket;
import com.linecorp.armeria.common.websocket.WebSocketCloseStatus;
import com.linecorp.armeria.common.websocket.WebSocketFrame;
import com.linecorp.armeria.common.websocket.WebSocketWriter;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.websocket.WebSocketService;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * {@code /ws/inference}: one generation per WebSocket, for browsers and other clients that want tokens pushed. The
 * client's first text frame is a {@code POST /v1/inference} body ({@code stream} is implied); every piece of text
 * comes back as a text frame in the shape of that route's Server-Sent Events ({@code {"id", "model", "choices":
 * [{"index", "text", "finish_reason": null}]}}), the last with {@code finish_reason} and {@code usage}, and then
 * the node closes the socket normally (1000). A refusal or failure is one frame with the node's JSON error body and a
 * close with 1008 (1013 when the model's queue is full or it is unavailable: try again later; 1014 when its
 * upstream failed). A client that closes the socket, or
 * goes away, stops the generation within a token. The request goes through the one {@link InferenceEndpoint}
 * (queue, cancellation, usage with API {@code websocket}); the upgrade passes the same Host and Origin checks as
 * {@code /ws/exec}. Frames after the first are ignored.
 */
final class InferenceSocket {
  private static final GenerationShape SHAPE = new GenerationShape.Upstream();

  private final InferenceEndpoint inference;

  InferenceSocket(InferenceEndpoint inference) {
    this.inference = inference;
  }

  WebSocketService service() {
    return WebSocketService.builder((ctx, in) -> {
      ctx.clearRequestTimeout(); // a long generation is legitimate
      WebSocketWriter out = WebSocket.streaming();
      Cancellation cancellation = new Cancellation();
      out.whenComplete().handle((v, t) -> {
        cancellation.cancel(); // the socket closed: nobody reads the tokens any more
        return null;
      });
      in.subscribe(new FirstFrame(ctx, out, cancellation));
      return out;
    }).subprotocols(WebSocketCredentials.PROTOCOL).build(); // the dashboard's credential carrier
  }

  /** Takes the client's first text frame as the request; ignores later ones; a closing client cancels. */
  private final class FirstFrame implements Subscriber<WebSocketFrame> {
    private final ServiceRequestContext ctx;
    private final WebSocketWriter out;
    private final Cancellation cancellation;
    private Subscription subscription;
    private boolean started;

    FirstFrame(ServiceRequestContext ctx, WebSocketWriter out, Cancellation cancellation) {
      this.ctx = ctx;
      this.out = out;
      this.cancellation = cancellation;
    }

    @Override
    public void onSubscribe(Subscription s) {
      subscription = s;
      s.request(1);
    }

    @Override
    public void onNext(WebSocketFrame frame) {
      try (frame) {
        if (!started && frame.type() == com.linecorp.armeria.common.websocket.WebSocketFrameType.TEXT) {
          started = true;
          if (!InboundWatcher.isWellFormedText(frame)) {
            InboundWatcher.closeInvalidText(out);
            return;
          }
          String body = frame.text();
          // parsing, and a first request's model load, block: off the event loop
          ctx.blockingTaskExecutor().execute(() -> generate(ctx, body, out, cancellation));
        }
      }
      subscription.request(1);
    }

    @Override
    public void onError(Throwable t) {
      cancellation.cancel();
      InboundWatcher.closeAfter(out, t);
    }

    @Override
    public void onComplete() {
      cancellation.cancel();
      out.close();
    }
  }

  private void generate(ServiceRequestContext ctx, String body, WebSocketWriter out, Cancellation cancellation) {
    String id = newId();
    long created = Instant.now().getEpochSecond();
    TextGeneration request;
    CompletableFuture<Completion> running;
    try {
      request = InferenceRequests.upstream(InferenceRequests.parse(body));
      TokenSink sink = text -> {
        if (out.isOpen()) {
          out.tryWrite(WebSocketFrame.ofText(SHAPE.chunk(id, created, request.model(), text).toString()));
        }
      };
      running = inference.generate(request, GenerationApi.WEBSOCKET, id, sink, cancellation);
    } catch (RuntimeException e) {
      fail(ctx, out, ErrorMapper.toNodeException(e));
      return;
    }
    running.whenComplete((completion, failure) -> {
      if (!out.isOpen()) {
        return;
      }
      if (failure == null && completion.finishReason() != FinishReason.CANCELLED) {
        out.tryWrite(WebSocketFrame.ofText(SHAPE.closing(id, created, request.model(), completion, true).toString()));
        out.close(WebSocketCloseStatus.NORMAL_CLOSURE);
      } else {
        fail(ctx, out, failure != null ? ErrorMapper.toNodeException(failure)
            : new NodeException(ErrorCode.UNAVAILABLE, "model '" + request.model() + "' was unloaded during the"
                + " generation; retry", Map.of("model", request.model())));
      }
    });
  }

  private static void fail(ServiceRequestContext ctx, WebSocketWriter out, NodeException e) {
    CallOutcome.failed(ctx, e);
    if (!out.isOpen()) {
      return;
    }
    out.tryWrite(WebSocketFrame.ofText(SHAPE.errorBody(e)));
    out.close(closeStatus(e), StreamRoutes.truncate(e.getMessage()));
  }

  /**
   * The close code that tells whose fault a failure is, as an HTTP status would: an upstream that failed is 1014
   * (bad gateway), a node that cannot serve now (queue full, model unavailable) 1013 (try again later), the node's
   * own fault 1011, and everything the request did wrong 1008.
   */
  static WebSocketCloseStatus closeStatus(NodeException e) {
    return switch (e.code()) {
      case RESOURCE_EXHAUSTED -> WebSocketCloseStatus.TRY_AGAIN_LATER;
      case UNAVAILABLE -> "upstream_failed".equals(e.details().get("reason")) ? WebSocketCloseStatus.BAD_GATEWAY
          : WebSocketCloseStatus.TRY_AGAIN_LATER;
      case INTERNAL -> WebSocketCloseStatus.INTERNAL_SERVER_ERROR;
      default -> WebSocketCloseStatus.POLICY_VIOLATION;
    };
  }

  private static String newId() {
    byte[] random = new byte[12];
    ThreadLocalRandom.current().nextBytes(random);
    return SHAPE.idPrefix() + HexFormat.of().formatHex(random);
  }
}
