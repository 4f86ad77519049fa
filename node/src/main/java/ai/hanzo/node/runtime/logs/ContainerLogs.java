package ai.hanzo.node.runtime.logs;

import ai.hanzo.node.runtime.LogStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/** The two pumps (stdout, stderr) and the shared rotating writer of one running container. */
public final class ContainerLogs implements AutoCloseable {
  private final LogPump stdout;
  private final LogPump stderr;

  private ContainerLogs(LogPump stdout, LogPump stderr) {
    this.stdout = stdout;
    this.stderr = stderr;
  }

  public static ContainerLogs attach(Path stdoutFifo, Path stderrFifo, LogFiles files, Clock clock, LogPumps pumps)
      throws IOException {
    RotatingLogWriter writer = new RotatingLogWriter(files);
    LogPump out = LogPump.start(stdoutFifo, LogStream.STDOUT, writer, clock, pumps);
    LogPump err;
    try {
      err = LogPump.start(stderrFifo, LogStream.STDERR, writer, clock, pumps);
    } catch (IOException e) {
      out.close();
      writer.close();
      throw e;
    }
    CompletableFuture.allOf(out.finished(), err.finished()).whenComplete((ok, failure) -> writer.close());
    return new ContainerLogs(out, err);
  }

  /** The pumps end once {@code shimGone} says the container's shim (and so its output) has ended. */
  public void endWhen(BooleanSupplier shimGone) {
    stdout.endWhen(shimGone);
    stderr.endWhen(shimGone);
  }

  /** Copies what both pipes hold now into the log (see {@link LogPump#drainNow}). */
  public void drainNow() {
    stdout.drainNow();
    stderr.drainNow();
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
