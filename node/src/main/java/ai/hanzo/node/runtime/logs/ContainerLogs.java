package ai.hanzo.node.runtime.logs;

import ai.hanzo.node.runtime.LogStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/** The two pumps (stdout, stderr) and the shared rotating writer of one running container. */
public final class ContainerLogs implements AutoCloseable {
  private final RotatingLogWriter writer;
  private final LogPump stdout;
  private final LogPump stderr;

  private ContainerLogs(RotatingLogWriter writer, LogPump stdout, LogPump stderr) {
    this.writer = writer;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  public static ContainerLogs attach(String containerId, Path stdoutFifo, Path stderrFifo, LogFiles files,
      Clock clock) throws IOException {
    RotatingLogWriter writer = new RotatingLogWriter(files);
    LogPump out = LogPump.start(stdoutFifo, LogStream.STDOUT, writer, clock, "log-" + containerId + "-out");
    LogPump err;
    try {
      err = LogPump.start(stderrFifo, LogStream.STDERR, writer, clock, "log-" + containerId + "-err");
    } catch (IOException e) {
      out.close();
      throw e;
    }
    ContainerLogs logs = new ContainerLogs(writer, out, err);
    CompletableFuture.allOf(out.finished(), err.finished()).whenComplete((ok, failure) -> writer.close());
    return logs;
  }

  public void releaseHolders() {
    stdout.releaseHolder();
    stderr.releaseHolder();
  }

  /** Whether the container's output has been read to its end. */
  public boolean drained() {
    return stdout.finished().isDone() && stderr.finished().isDone();
  }

  @Override
  public void close() {
    stdout.close();
    stderr.close();
  }
}
