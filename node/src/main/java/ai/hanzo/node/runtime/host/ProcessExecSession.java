package ai.hanzo.node.runtime.host;

import ai.hanzo.node.runtime.ContainerRuntimeException;
import ai.hanzo.node.runtime.ExecOutput;
import ai.hanzo.node.runtime.ExecSession;
import ai.hanzo.node.runtime.LogStream;
import ai.hanzo.node.runtime.RuntimeErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import ai.hanzo.node.runtime.ExecSpec;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * An exec backed by a host child process (the command itself, or {@code runc exec}): two daemon threads forward
 * stdout and stderr to the {@link ExecOutput}; the exit code completes after both reached end of stream. With a
 * tty the process runs on a {@link PseudoTerminal} and everything arrives as stdout.
 */
public final class ProcessExecSession implements ExecSession {
  private final Process process;
  private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();

  private ProcessExecSession(Process process) {
    this.process = process;
  }

  /**
   * Starts {@code argv} with exactly {@code env} (in {@code dir} when not null), on a pseudo-terminal when
   * {@code spec.tty()}. Without stdin a plain exec reads end-of-file at once; a tty exec's input stays open but
   * empty, because the terminal would turn end-of-file into a character the command reads.
   */
  public static ProcessExecSession start(List<String> argv, Map<String, String> env, Path dir, ExecSpec spec,
      ExecOutput output, String name) {
    ProcessBuilder builder = new ProcessBuilder(spec.tty() ? PseudoTerminal.wrap(argv) : argv);
    if (dir != null) {
      builder.directory(dir.toFile());
    }
    builder.environment().clear();
    builder.environment().putAll(env);
    builder.redirectErrorStream(spec.tty());
    if (!spec.stdin() && !spec.tty()) {
      builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    }
    return start(builder, spec.stdin() || spec.tty(), output, name);
  }

  private static ProcessExecSession start(ProcessBuilder builder, boolean stdin, ExecOutput output, String name) {
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new ContainerRuntimeException(RuntimeErrorCode.IO, "cannot start exec: " + e.getMessage(), e);
    }
    ProcessExecSession session = new ProcessExecSession(process);
    if (!stdin) {
      session.closeQuietly(process.getOutputStream());
    }
    CompletableFuture<Void> out = forward(process.getInputStream(), LogStream.STDOUT, output, name + "-out");
    CompletableFuture<Void> err = forward(process.getErrorStream(), LogStream.STDERR, output, name + "-err");
    CompletableFuture.allOf(out, err).thenCompose(ignored -> process.onExit())
        .whenComplete((ended, failure) -> {
          if (failure != null) {
            session.exitCode.completeExceptionally(failure);
          } else {
            session.exitCode.complete(ended.exitValue());
          }
        });
    return session;
  }

  private static CompletableFuture<Void> forward(InputStream in, LogStream stream, ExecOutput output, String name) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[8192];
      try (in) {
        int read;
        while ((read = in.read(buffer)) >= 0) {
          if (read > 0) {
            output.onOutput(stream, Arrays.copyOf(buffer, read));
          }
        }
        done.complete(null);
      } catch (IOException | RuntimeException e) {
        done.complete(null);
      }
    }, name);
    thread.setDaemon(true);
    thread.start();
    return done;
  }

  @Override
  public OutputStream stdin() {
    return process.getOutputStream();
  }

  @Override
  public CompletableFuture<Integer> exitCode() {
    return exitCode;
  }

  @Override
  public void close() {
    closeQuietly(process.getOutputStream());
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }

  private void closeQuietly(OutputStream out) {
    try {
      out.close();
    } catch (IOException e) {
      // the process is gone; nothing left to close
    }
  }
}
