package ai.hanzo.node.runtime.host;

import ai.hanzo.node.runtime.ContainerRuntimeException;
import ai.hanzo.node.runtime.RuntimeErrorCode;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts a container's shim: {@code /bin/sh} in a session of its own, so it outlives the node. It points its
 * stdout/stderr at the container's named pipes (opened read-write, so the container never sees SIGPIPE while no node
 * reads), says {@code ready} on fd 3 (a pipe to us), runs the given command, and writes the command's exit status
 * (128+n for signal n) to {@code exitcode}. The command inherits fd 3 and may report more lines on it.
 */
public final class ShimLauncher {
  private static final String SCRIPT = String.join("\n",
      "d=$1; shift",
      "exec 3>&1 1<>\"$d/stdout.fifo\" 2<>\"$d/stderr.fifo\" </dev/null",
      "echo ready >&3",
      "\"$@\"",
      "echo $? > \"$d/exitcode.tmp\" && /bin/mv -f \"$d/exitcode.tmp\" \"$d/exitcode\"");

  private ShimLauncher() {}

  /** A started shim and the lines it (and its command) write on fd 3. */
  public record Shim(Process process, BufferedReader control) {
    /** The next control line, or null at end of stream; fails with TIMEOUT after {@code timeout}. */
    public String readLine(Duration timeout) {
      CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
        try {
          return control.readLine();
        } catch (IOException e) {
          return null;
        }
      }, new DaemonThreads("shim-control"));
      try {
        return line.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        throw new ContainerRuntimeException(RuntimeErrorCode.TIMEOUT, "the container shim did not report within "
            + timeout);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ContainerRuntimeException(RuntimeErrorCode.IO, "interrupted while starting a container", e);
      } catch (ExecutionException e) {
        return null;
      }
    }

    /** Stops listening to fd 3 (the shim never writes to it again). */
    public void closeControl() {
      try {
        control.close();
      } catch (IOException e) {
        // nothing to release beyond the pipe itself
      }
    }
  }

  public static Shim launch(Path containerDir, List<String> command, Map<String, String> env, Path workDir) {
    List<String> argv = new ArrayList<>(List.of("/usr/bin/setsid", "/bin/sh", "-c", SCRIPT, "hanzo-shim",
        containerDir.toString()));
    argv.addAll(command);
    ProcessBuilder builder = new ProcessBuilder(argv).directory(workDir.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectError(ProcessBuilder.Redirect.appendTo(containerDir.resolve("shim.err").toFile()));
    builder.environment().clear();
    builder.environment().putAll(env);
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      BufferedReader control = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8));
      return new Shim(process, control);
    } catch (IOException e) {
      throw new ContainerRuntimeException(RuntimeErrorCode.IO, "cannot start the container shim: " + e.getMessage(),
          e);
    }
  }
}
