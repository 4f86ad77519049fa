package ai.hanzo.node.api.grpc;

import ai.hanzo.node.api.endpoint.ExecCall;
import ai.hanzo.node.api.endpoint.ExecStreams;
import ai.hanzo.node.api.endpoint.MessageSink;
import ai.hanzo.node.api.mapping.ErrorMapper;
import ai.hanzo.node.api.v1.ExecInput;
import ai.hanzo.node.api.v1.ExecOutput;
import ai.hanzo.node.error.NodeException;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/** The client's side of one ExecInContainer call: starts the exec on the first message, then feeds it. */
final class GrpcExecInputs implements StreamObserver<ExecInput> {
  private final ServerCallStreamObserver<ExecOutput> call;
  private final GrpcStreamSink<ExecOutput> sink;
  private final ExecStreams exec;
  private volatile ExecCall running;
  private volatile boolean over;

  GrpcExecInputs(ServerCallStreamObserver<ExecOutput> call, ExecStreams exec) {
    this.call = call;
    // Output goes out in batches through the event loop, in order, and batches in flight count against readiness.
    this.sink = new GrpcStreamSink<>(call, ServiceRequestContext.current().eventLoop());
    this.exec = exec;
    // Handlers must be set before the service method returns, so they find the exec through a field.
    call.setOnCancelHandler(this::release);
    call.setOnCloseHandler(this::release);
    call.setOnReadyHandler(this::ready);
    sink.onReady(this::ready);
  }

  @Override
  public void onNext(ExecInput input) {
    if (over) {
      return;
    }
    try {
      if (running == null) {
        running = exec.open(input, sink);
      } else {
        running.input(input);
      }
    } catch (RuntimeException e) {
      over = true;
      release();
      call.onError(ErrorMapper.toStatus(e));
    }
  }

  @Override
  public void onError(Throwable t) {
    release();
  }

  @Override
  public void onCompleted() {
    if (over) {
      return;
    }
    if (running == null) {
      over = true;
      call.onError(ErrorMapper.toStatus(NodeException.invalidField("command",
          "the call ended before its first message named a container and command")));
      return;
    }
    try {
      running.endOfInput();
    } catch (RuntimeException e) {
      // The command is gone already; its exit code still reaches the client.
    }
  }

  private void ready() {
    ExecCall r = running;
    if (r != null) {
      r.onReady();
    }
  }

  private void release() {
    over = true;
    ExecCall r = running;
    if (r != null) {
      r.cancel();
    }
  }
}
