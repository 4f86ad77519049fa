package ai.hanzo.node.compute;

import ai.hanzo.node.compute.ContainerService.ExecChunk;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.runtime.ExecOutput;
import ai.hanzo.node.runtime.LogStream;
import java.io.IOException;

/**
 * Adapts a runtime exec session to the API's: output chunks become {@link ExecChunk}s, and after the exit code a
 * last chunk with {@code done}. The sink is called from the runtime's stdout and stderr threads, hence the
 * lock: the sink takes calls from one thread at a time.
 */
final class ExecRelay implements ContainerService.ExecSession {
  private static final byte[] NONE = new byte[0];

  private final ai.hanzo.node.runtime.ExecSession session;

  ExecRelay(ai.hanzo.node.runtime.ExecSession session, StreamSink<ExecChunk> sink) {
    this.session = session;
    session.exitCode().whenComplete((code, error) -> {
      synchronized (sink) {
        if (error != null) {
          sink.fail(new NodeException(ErrorCode.UNAVAILABLE, "exec failed: " + error.getMessage()));
        } else {
          sink.next(new ExecChunk(NONE, NONE, code, true));
          sink.complete();
        }
      }
    });
  }

  static ExecOutput output(StreamSink<ExecChunk> sink) {
    return (stream, chunk) -> {
      synchronized (sink) {
        sink.next(stream == LogStream.STDOUT ? new ExecChunk(chunk, NONE, 0, false)
            : new ExecChunk(NONE, chunk, 0, false));
      }
    };
  }

  @Override
  public void stdin(byte[] data) {
    try {
      session.stdin().write(data);
      session.stdin().flush();
    } catch (IOException e) {
      throw new NodeException(ErrorCode.FAILED_PRECONDITION, "the command no longer reads its input: "
          + e.getMessage());
    }
  }

  @Override
  public void closeStdin() {
    try {
      session.stdin().close();
    } catch (IOException e) {
      // the command already closed its end; nothing more to tell it
    }
  }

  @Override
  public void close() {
    session.close();
  }
}
