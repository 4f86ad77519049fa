package ai.hanzo.node.api.http;

import ai.hanzo.node.api.endpoint.ExecCall;
import ai.hanzo.node.api.endpoint.ExecStreams;
import ai.hanzo.node.api.mapping.ErrorMapper;
import ai.hanzo.node.api.mapping.Json;
import ai.hanzo.node.api.v1.ExecInput;
import ai.hanzo.node.api.v1.TerminalSize;
import ai.hanzo.node.api.v1.ExecOutput;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.linecorp.armeria.common.websocket.WebSocketFrame;
import com.linecorp.armeria.common.websocket.WebSocketFrameType;
import com.linecorp.armeria.common.websocket.WebSocketWriter;
import com.linecorp.armeria.server.ServiceRequestContext;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The client's frames of one {@code /ws/exec/{id}} session (see {@link ExecRoutes}), taken one at a time on the
 * blocking executor: a stdin write may block until the command reads, and the next frame is only requested after
 * it, so a client that types faster than the command reads is held back by the WebSocket's flow control.
 */
final class WebSocketExecInputs implements Subscriber<WebSocketFrame> {
  private final ServiceRequestContext ctx;
  private final ExecStreams exec;
  private final WriterSink<WebSocketFrame, ExecOutput> sink;
  private final WebSocketWriter out;
  private Subscription subscription;
  private volatile ExecCall running;
  private volatile boolean over;

  WebSocketExecInputs(ServiceRequestContext ctx, ExecStreams exec, WriterSink<WebSocketFrame, ExecOutput> sink,
      WebSocketWriter out) {
    this.ctx = ctx;
    this.exec = exec;
    this.sink = sink;
    this.out = out;
    sink.onReady(() -> {
      ExecCall r = running;
      if (r != null) {
        r.onReady();
      }
    });
    out.whenComplete().handle((v, t) -> {
      release();
      return null;
    });
  }

  @Override
  public void onSubscribe(Subscription s) {
    subscription = s;
    ctx.blockingTaskExecutor().execute(() -> {
      if (!ctx.queryParams("command").isEmpty()) {
        handle(() -> running = exec.open(queryInput(), sink));
      }
      s.request(1);
    });
  }

  /** {@code rows} and {@code cols} (with {@code tty}) size the terminal from the start, as ExecInput.resize does. */
  private ExecInput queryInput() {
    ExecInput.Builder input = ExecInput.newBuilder().setContainerId(ctx.pathParam("id"))
        .addAllCommand(ctx.queryParams("command")).setTty(HttpCalls.booleanParam(ctx, "tty"));
    if (ctx.queryParam("rows") != null || ctx.queryParam("cols") != null) {
      input.setResize(TerminalSize.newBuilder().setRows(HttpCalls.uint32Param(ctx, "rows"))
          .setCols(HttpCalls.uint32Param(ctx, "cols")));
    }
    return input.build();
  }

  @Override
  public void onNext(WebSocketFrame frame) {
    ctx.blockingTaskExecutor().execute(() -> {
      try (frame) {
        if (!over) {
          handle(() -> take(frame));
        }
      }
      subscription.request(1);
    });
  }

  private void take(WebSocketFrame frame) throws InvalidProtocolBufferException {
    if (frame.type() == WebSocketFrameType.BINARY) {
      byte[] data = frame.array();
      ExecCall r = requireRunning();
      if (data.length == 0) {
        r.endOfInput();
      } else {
        r.input(ExecInput.newBuilder().setStdin(ByteString.copyFrom(data)).build());
      }
    } else if (frame.type() == WebSocketFrameType.TEXT) {
      if (!InboundWatcher.isWellFormedText(frame)) {
        InboundWatcher.closeInvalidText(out);
        release();
        return;
      }
      ExecInput.Builder input = Json.parseRequest(frame.text(), ExecInput.newBuilder());
      if (running == null) {
        input.setContainerId(HttpCalls.pathMatches(ctx.pathParam("id"), input.getContainerId(), "container_id"));
        running = exec.open(input.build(), sink);
      } else {
        running.input(input.build());
      }
    }
  }

  private ExecCall requireRunning() {
    ExecCall r = running;
    if (r == null) {
      throw ai.hanzo.node.error.NodeException.invalidField("command",
          "the first frame must be a text frame (an ExecInput naming the command) unless the query names it");
    }
    return r;
  }

  private void handle(Step step) {
    try {
      step.run();
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      over = true;
      release();
      sink.fail(ErrorMapper.toNodeException(e));
    }
  }

  @Override
  public void onError(Throwable t) {
    release();
    InboundWatcher.closeAfter(out, t);
  }

  @Override
  public void onComplete() {
    // The client closed the WebSocket: nobody reads the output any more.
    release();
    out.close();
  }

  private void release() {
    over = true;
    ExecCall r = running;
    if (r != null) {
      r.cancel();
    }
  }

  @FunctionalInterface
  private interface Step {
    void run() throws InvalidProtocolBufferException;
  }
}
