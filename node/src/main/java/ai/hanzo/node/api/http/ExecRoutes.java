package ai.hanzo.node.api.http;

import ai.hanzo.node.api.access.WebSocketCredentials;
import ai.hanzo.node.api.access.BrowserRequestGuard;
import ai.hanzo.node.api.access.CallOutcome;
import ai.hanzo.node.api.endpoint.ExecCall;
import ai.hanzo.node.api.endpoint.ExecStreams;
import ai.hanzo.node.api.endpoint.MessageSink;
import ai.hanzo.node.api.mapping.Json;
import ai.hanzo.node.api.v1.ExecInput;
import ai.hanzo.node.api.v1.ExecOutput;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.websocket.WebSocket;
import com.linecorp.armeria.common.websocket.WebSocketCloseStatus;
import com.linecorp.armeria.common.websocket.WebSocketFrame;
import com.linecorp.armeria.common.websocket.WebSocketWriter;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.websocket.WebSocketService;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * ExecInContainer over HTTP. {@code POST /v1/containers/{id}/exec} runs a command to its end: the body is an
 * ExecInput (command, optional stdin, which is then closed), the answer one ExecOutput with all of stdout and
 * stderr, the exit code and {@code done}; {@code timeout_seconds} (1..3600) bounds it, otherwise the server's request
 * timeout does, and a timeout or a client that goes away kills the command. {@code /ws/exec/{id}} is interactive:
 * the command comes from the query ({@code command} repeated, {@code tty}, with a tty optionally {@code rows} and
 * {@code cols}) or from the first text frame (an ExecInput); later text frames are ExecInputs carrying stdin or a
 * {@code resize}, binary frames are raw stdin, and an empty binary frame closes stdin. A bad size closes the socket
 * (1008) with the reason. Output arrives as text frames of ExecOutput; the last has {@code done} and the exit code.
 */
final class ExecRoutes {
  static final int MAX_COLLECTED_BYTES = 16 * 1024 * 1024;
  private static final int MAX_TIMEOUT_SECONDS = 3600;

  private final ExecStreams exec;

  ExecRoutes(ExecStreams exec) {
    this.exec = exec;
  }

  HttpService runToEnd() {
    return (ctx, req) -> {
      CompletableFuture<HttpResponse> answer = new CompletableFuture<>();
      req.aggregate().thenAcceptAsync(agg -> {
        HttpResponse untyped = BrowserRequestGuard.refuseUntypedBody(agg);
        if (untyped != null) {
          answer.complete(untyped);
          return;
        }
        try {
          applyTimeout(ctx);
          ExecInput.Builder input = Json.parseRequest(agg.contentUtf8(), ExecInput.newBuilder());
          input.setContainerId(HttpCalls.pathMatches(ctx.pathParam("id"), input.getContainerId(), "container_id"));
          Collector collector = new Collector(answer);
          ExecCall call = exec.open(input.build(), collector);
          collector.onOverflow(call::cancel);
          call.endOfInput();
          ctx.whenRequestCancelled().thenRun(call::cancel);
          answer.whenComplete((r, t) -> call.cancel());
        } catch (InvalidProtocolBufferException | RuntimeException e) {
          answer.complete(HttpCalls.error(e));
        }
      }, ctx.blockingTaskExecutor());
      return HttpResponse.of(answer);
    };
  }

  private static void applyTimeout(ServiceRequestContext ctx) {
    String raw = ctx.queryParam("timeout_seconds");
    if (raw == null || raw.isEmpty()) {
      return;
    }
    int seconds = HttpCalls.uint32Param(ctx, "timeout_seconds");
    if (seconds < 1 || seconds > MAX_TIMEOUT_SECONDS) {
      throw NodeException.invalidField("timeout_seconds", "must be between 1 and " + MAX_TIMEOUT_SECONDS
          + ", was " + raw);
    }
    ctx.setRequestTimeout(Duration.ofSeconds(seconds));
  }

  WebSocketService interactive() {
    return WebSocketService.builder((ctx, in) -> {
      ctx.clearRequestTimeout(); // interactive sessions last as long as the client keeps them
      WebSocketWriter out = WebSocket.streaming();
      WriterSink<WebSocketFrame, ExecOutput> sink = new WriterSink<>(out, WebSocketFrame::ofText,
          e -> {
            CallOutcome.failed(ctx, e);
            // The node a placed deployment's container runs on went away: its fault, as a gateway's (1014).
            out.close(e.code() == ErrorCode.UNAVAILABLE && e.details().containsKey("node_id")
                ? WebSocketCloseStatus.BAD_GATEWAY : WebSocketCloseStatus.POLICY_VIOLATION,
                StreamRoutes.truncate(e.getMessage()));
          });
      WebSocketExecInputs inputs = new WebSocketExecInputs(ctx, exec, sink, out);
      sink.start();
      in.subscribe(inputs);
      return out;
    }).subprotocols(WebSocketCredentials.PROTOCOL).build(); // the dashboard's credential carrier
  }

  /** Gathers the whole output of a run-to-end exec into one answer. */
  private static final class Collector implements MessageSink<ExecOutput> {
    private final CompletableFuture<HttpResponse> answer;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private volatile Runnable onOverflow = () -> {};

    Collector(CompletableFuture<HttpResponse> answer) {
      this.answer = answer;
    }

    void onOverflow(Runnable r) {
      onOverflow = r;
    }

    @Override
    public boolean isReady() {
      return true;
    }

    @Override
    public synchronized void next(ExecOutput message) {
      if (answer.isDone()) {
        return;
      }
      if (stdout.size() + stderr.size() + message.getStdout().size() + message.getStderr().size()
          > MAX_COLLECTED_BYTES) {
        fail(new NodeException(ErrorCode.RESOURCE_EXHAUSTED, "the command wrote more than "
            + MAX_COLLECTED_BYTES + " bytes; use the streaming form (gRPC or /ws/exec) for large output"));
        onOverflow.run();
        return;
      }
      stdout.writeBytes(message.getStdout().toByteArray());
      stderr.writeBytes(message.getStderr().toByteArray());
      if (message.getDone()) {
        answer.complete(HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8, Json.print(ExecOutput.newBuilder()
            .setStdout(ByteString.copyFrom(stdout.toByteArray()))
            .setStderr(ByteString.copyFrom(stderr.toByteArray()))
            .setExitCode(message.getExitCode()).setDone(true).build())));
      }
    }

    @Override
    public void complete() {
      answer.complete(HttpCalls.error(new NodeException(ErrorCode.INTERNAL,
          "the exec ended without an exit code")));
    }

    @Override
    public void fail(NodeException error) {
      answer.complete(HttpCalls.error(error));
    }
  }
}
