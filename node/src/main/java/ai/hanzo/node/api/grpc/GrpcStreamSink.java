package ai.hanzo.node.api.grpc;

import ai.hanzo.node.api.endpoint.MessageSink;
import ai.hanzo.node.api.mapping.ErrorMapper;
import ai.hanzo.node.error.NodeException;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server stream's response side as a {@link MessageSink}. Armeria moves every message sent from another thread
 * to the call's event loop in a task of its own; {@link #nextAll} moves a whole batch in one task instead. Batches
 * not yet written count against readiness, so a fast producer cannot pile them up on the event loop.
 */
final class GrpcStreamSink<R> implements MessageSink<R> {
  static final int MAX_BATCHES_IN_FLIGHT = 2;

  private final ServerCallStreamObserver<R> call;
  private final Executor eventLoop;
  private final AtomicInteger batchesInFlight = new AtomicInteger();
  private volatile Runnable onReady = () -> {};

  GrpcStreamSink(ServerCallStreamObserver<R> call, Executor eventLoop) {
    this.call = call;
    this.eventLoop = eventLoop;
  }

  /** Also run when written batches make room again, besides gRPC's own onReady. */
  void onReady(Runnable r) {
    onReady = r;
  }

  @Override
  public boolean isReady() {
    return call.isReady() && !call.isCancelled() && batchesInFlight.get() < MAX_BATCHES_IN_FLIGHT;
  }

  @Override
  public void next(R message) {
    call.onNext(message);
  }

  @Override
  public void nextAll(List<R> messages) {
    batchesInFlight.incrementAndGet();
    eventLoop.execute(() -> {
      try {
        for (R m : messages) {
          if (call.isCancelled()) {
            return;
          }
          call.onNext(m);
        }
      } finally {
        if (batchesInFlight.decrementAndGet() == MAX_BATCHES_IN_FLIGHT - 1) {
          onReady.run();
        }
      }
    });
  }

  /** On the event loop, behind any batch still queued there. */
  @Override
  public void complete() {
    eventLoop.execute(call::onCompleted);
  }

  @Override
  public void fail(NodeException error) {
    eventLoop.execute(() -> call.onError(ErrorMapper.toStatus(error)));
  }
}
