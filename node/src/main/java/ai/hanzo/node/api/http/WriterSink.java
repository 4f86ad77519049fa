package ai.hanzo.node.api.http;

import ai.hanzo.node.api.endpoint.MessageSink;
import ai.hanzo.node.api.mapping.Json;
import ai.hanzo.node.error.NodeException;
import com.google.protobuf.Message;
import com.linecorp.armeria.common.stream.StreamWriter;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A {@link MessageSink} over an Armeria stream writer (a WebSocket or a streaming HTTP response): each message
 * becomes one frame of proto3 JSON. At most {@link #MAX_IN_FLIGHT} frames may be unconsumed by the network;
 * beyond that the sink is not ready, and {@code onReady} runs when the writer has caught up. An end (complete or
 * fail) that comes before {@link #start()} waits for it: a producer may end at once, while it is being opened (a
 * refusal from another node, a stream with nothing to send), and an HTTP response must not be closed, nor carry
 * data, before its headers.
 */
final class WriterSink<F, T extends Message> implements MessageSink<T> {
  static final int MAX_IN_FLIGHT = 16;

  private final StreamWriter<F> writer;
  private final Function<String, F> frame;
  private final Consumer<NodeException> onFail;
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile Runnable onReady = () -> {};
  private volatile boolean started;
  /** An end that came before start, and the failure it carries (null for a completion); guarded by this. */
  private Runnable heldEnd;
  private NodeException heldFailure;

  /** {@code onFail} tells the client why the stream ends and closes the writer. */
  WriterSink(StreamWriter<F> writer, Function<String, F> frame, Consumer<NodeException> onFail) {
    this.writer = writer;
    this.frame = frame;
    this.onFail = onFail;
  }

  void onReady(Runnable r) {
    this.onReady = r;
  }

  /**
   * Opens the sink for messages. Until then it is not ready, so a stream opened before the response headers are
   * written (an HTTP response must start with them) waits instead of writing data first.
   */
  void start() {
    Runnable end;
    synchronized (this) {
      started = true;
      end = heldEnd;
      heldEnd = null;
    }
    if (end != null) {
      end.run();
    } else {
      onReady.run();
    }
  }

  /** The failure the producer ended with before {@link #start()}, else null: the caller may answer with its status. */
  synchronized NodeException failedBeforeStart() {
    return started ? null : heldFailure;
  }

  @Override
  public boolean isReady() {
    return started && writer.isOpen() && inFlight.get() < MAX_IN_FLIGHT;
  }

  @Override
  public void next(T message) {
    if (!writer.tryWrite(frame.apply(Json.print(message)))) {
      return;
    }
    inFlight.incrementAndGet();
    writer.whenConsumed().thenRun(() -> {
      if (inFlight.decrementAndGet() == MAX_IN_FLIGHT - 1) {
        onReady.run();
      }
    });
  }

  @Override
  public void complete() {
    endOrHold(writer::close, null);
  }

  @Override
  public void fail(NodeException error) {
    endOrHold(() -> onFail.accept(error), error);
  }

  private void endOrHold(Runnable end, NodeException failure) {
    synchronized (this) {
      if (!started) {
        if (heldEnd == null) {
          heldEnd = end;
          heldFailure = failure;
        }
        return;
      }
    }
    end.run();
  }
}
