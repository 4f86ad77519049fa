package ai.hanzo.node.api.endpoint;

import ai.hanzo.node.api.mapping.ErrorMapper;
import ai.hanzo.node.api.v1.ExecOutput;
import ai.hanzo.node.compute.ContainerService.ExecChunk;
import ai.hanzo.node.compute.StreamSink;
import com.google.protobuf.ByteString;

/**
 * Exec output from the runtime's reader threads to the transport. While the client is behind, {@link #next} waits:
 * the reader thread stops reading, the command's pipe fills and the command blocks, so a fast writer facing a slow
 * client costs no memory. Cancellation releases a waiting reader at once.
 */
final class ExecOutputPump implements StreamSink<ExecChunk> {
  private final MessageSink<ExecOutput> sink;
  private final Object lock = new Object();
  private boolean cancelled;

  ExecOutputPump(MessageSink<ExecOutput> sink) {
    this.sink = sink;
  }

  void ready() {
    synchronized (lock) {
      lock.notifyAll();
    }
  }

  void cancel() {
    synchronized (lock) {
      cancelled = true;
      lock.notifyAll();
    }
  }

  @Override
  public boolean isReady() {
    return sink.isReady();
  }

  @Override
  public void whenReady(Runnable callback) {
    // next() waits by itself; a producer that asks is simply told to go on.
    callback.run();
  }

  @Override
  public void next(ExecChunk chunk) {
    synchronized (lock) {
      while (!cancelled && !sink.isReady()) {
        try {
          // The transport's onReady wakes us; the timeout only guards against a missed wake-up.
          lock.wait(1000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      if (cancelled) {
        return;
      }
    }
    sink.next(ExecOutput.newBuilder().setStdout(ByteString.copyFrom(chunk.stdout()))
        .setStderr(ByteString.copyFrom(chunk.stderr())).setExitCode(chunk.exitCode()).setDone(chunk.done())
        .build());
  }

  @Override
  public void complete() {
    sink.complete();
  }

  @Override
  public void fail(RuntimeException error) {
    sink.fail(ErrorMapper.toNodeException(error));
  }
}
