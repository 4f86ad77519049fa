package ai.hanzo.node.api.endpoint;

import ai.hanzo.node.api.mapping.ErrorMapper;
import ai.hanzo.node.api.v1.ExecOutput;
import ai.hanzo.node.compute.ContainerService.ExecChunk;
import ai.hanzo.node.compute.StreamSink;
import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;

/**
 * Exec output from the compute engine to the transport, without ever waiting: while the client is behind the sink
 * is not ready, the engine stops reading the command's pipes (the command then blocks in its write), and the
 * transport's onReady ({@link #ready}) lets it go on. A paused exec client holds no thread. Cancellation drops
 * what is still on its way.
 */
final class ExecOutputPump implements StreamSink<ExecChunk> {
  private final MessageSink<ExecOutput> sink;
  private volatile Runnable whenReady;
  private volatile boolean cancelled;

  ExecOutputPump(MessageSink<ExecOutput> sink) {
    this.sink = sink;
  }

  void ready() {
    Runnable r = whenReady;
    if (r != null) {
      whenReady = null;
      r.run();
    }
  }

  void cancel() {
    cancelled = true;
    whenReady = null;
  }

  @Override
  public boolean isReady() {
    return !cancelled && sink.isReady();
  }

  @Override
  public void whenReady(Runnable callback) {
    if (cancelled) {
      return;
    }
    whenReady = callback;
    // the transport may have become ready between the producer's look and now
    if (sink.isReady()) {
      ready();
    }
  }

  @Override
  public void next(ExecChunk chunk) {
    if (!cancelled) {
      sink.next(message(chunk));
    }
  }

  @Override
  public void nextAll(List<ExecChunk> chunks) {
    if (cancelled) {
      return;
    }
    List<ExecOutput> messages = new ArrayList<>(chunks.size());
    for (ExecChunk chunk : chunks) {
      messages.add(message(chunk));
    }
    sink.nextAll(messages);
  }

  private static ExecOutput message(ExecChunk chunk) {
    return ExecOutput.newBuilder().setStdout(ByteString.copyFrom(chunk.stdout()))
        .setStderr(ByteString.copyFrom(chunk.stderr())).setExitCode(chunk.exitCode()).setDone(chunk.done()).build();
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
