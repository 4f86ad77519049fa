package ai.hanzo.node.runtime.host;

import ai.hanzo.node.runtime.ContainerRuntimeException;
import ai.hanzo.node.runtime.RuntimeErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Runs a short host command (mkfifo, kill, runc state, ...) with a fixed minimal environment and a timeout. */
public final class HostCommand {
  /** What the tools we call need; never the node's own environment. */
  public static final Map<String, String> TOOL_ENV = Map.of("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:"
      + "/usr/bin:/sbin:/bin", "LC_ALL", "C");

  private HostCommand() {}

  /** The outcome of a finished command. */
  public record Result(int exitCode, String stdout, String stderr) {
    public boolean ok() {
      return exitCode == 0;
    }

    /** stderr, or stdout when stderr is empty, trimmed: what to put in an error message. */
    public String message() {
      String text = stderr.isBlank() ? stdout : stderr;
      return text.strip();
    }
  }

  public static Result run(List<String> argv, Duration timeout) {
    ProcessBuilder builder = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(
        new java.io.File("/dev/null")));
    builder.environment().clear();
    builder.environment().putAll(TOOL_ENV);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new ContainerRuntimeException(RuntimeErrorCode.IO, "cannot run " + argv.get(0) + ": " + e.getMessage(),
          e);
    }
    DaemonThreads readers = new DaemonThreads("host-command-output");
    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()), readers);
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()), readers);
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new ContainerRuntimeException(RuntimeErrorCode.TIMEOUT, String.join(" ", argv)
            + " did not finish within " + timeout);
      }
      return new Result(process.exitValue(), out.get(timeout.toMillis(), TimeUnit.MILLISECONDS),
          err.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new ContainerRuntimeException(RuntimeErrorCode.IO, "interrupted while running " + argv.get(0), e);
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new ContainerRuntimeException(RuntimeErrorCode.IO, "cannot read the output of " + argv.get(0), e);
    }
  }

  /** Runs the command and fails with IO (naming the command and its message) unless it exits 0. */
  public static Result check(List<String> argv, Duration timeout) {
    Result result = run(argv, timeout);
    if (!result.ok()) {
      throw new ContainerRuntimeException(RuntimeErrorCode.IO, String.join(" ", argv) + " failed (exit "
          + result.exitCode() + "): " + result.message());
    }
    return result;
  }

  private static String readAll(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
