package ai.hanzo.node.api.grpc;

import ai.hanzo.node.api.endpoint.MessageSink;
import ai.hanzo.node.api.endpoint.StreamHandle;
import ai.hanzo.node.api.mapping.ErrorMapper;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.function.Function;

/** Glue from gRPC observers to the endpoints: errors through the one mapper, streams through {@link MessageSink}. */
final class GrpcCalls {
  private GrpcCalls() {}

  static <Q, R> void unary(Q request, StreamObserver<R> observer, Function<Q, R> endpoint) {
    R response;
    try {
      response = endpoint.apply(request);
    } catch (RuntimeException e) {
      observer.onError(ErrorMapper.toStatus(e));
      return;
    }
    observer.onNext(response);
    observer.onCompleted();
  }

  /** {@link #unary} on the request's blocking executor, for a method that runs on the event loop only at times. */
  static <Q, R> void unaryOffTheEventLoop(Q request, StreamObserver<R> observer, Function<Q, R> endpoint) {
    ServiceRequestContext.current().blockingTaskExecutor().execute(() -> unary(request, observer, endpoint));
  }

  /** Opens a server stream; cancellation by the client (or its deadline) releases it. */
  static <R> void stream(StreamObserver<R> observer, StreamOpener<R> opener) {
    ServerCallStreamObserver<R> call = (ServerCallStreamObserver<R>) observer;
    ServiceRequestContext ctx = ServiceRequestContext.current();
    GrpcStreamSink<R> sink = new GrpcStreamSink<>(call, ctx.eventLoop());
    StreamHandle handle;
    try {
      handle = opener.open(sink, ctx);
    } catch (RuntimeException e) {
      call.onError(ErrorMapper.toStatus(e));
      return;
    }
    sink.onReady(handle::onReady);
    call.setOnCancelHandler(handle::cancel);
    call.setOnCloseHandler(handle::cancel);
    call.setOnReadyHandler(handle::onReady);
    // A producer that found the call not ready during open() may have missed the transition: nudge it once.
    handle.onReady();
  }

  @FunctionalInterface
  interface StreamOpener<R> {
    StreamHandle open(MessageSink<R> sink, ServiceRequestContext ctx);
  }
}
