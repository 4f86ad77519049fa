package ai.hanzo.node.runtime.host;

import ai.hanzo.node.runtime.ContainerRuntimeException;
import ai.hanzo.node.runtime.RuntimeErrorCode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Starts a container's shim: {@code /bin/sh} in a session of its own, forked off by {@code setsid -f} so that it is
 * not the node's child (no JVM thread waits for it, and it outlives the node). It first writes its own pid to
 * {@code shim.pid} (which is how the node learns it, and how a node that died before recording it can still find
 * it), points its stdout/stderr at the container's named pipes (opened read-write, so the container never sees
 * SIGPIPE while no node reads), runs the given command, and writes the command's exit status (128+n for signal n)
 * to {@code exitcode}.
 */
public final class ShimLauncher {
  /** The shim's argv[0] after {@code sh -c SCRIPT}: with the container's directory after it, names its shim. */
  public static final String SHIM_NAME = "hanzo-shim";
  private static final String SCRIPT = String.join("\n",
      "d=$1; shift",
      "echo $$ > \"$d/shim.pid.tmp\" && /bin/mv -f \"$d/shim.pid.tmp\" \"$d/shim.pid\"",
      "exec 1<>\"$d/stdout.fifo\" 2<>\"$d/stderr.fifo\" </dev/null",
      "\"$@\"",
      "echo $? > \"$d/exitcode.tmp\" && /bin/mv -f \"$d/exitcode.tmp\" \"$d/exitcode\"");
  private static final Duration POLL = Duration.ofMillis(2);

  private ShimLauncher() {}

  /** A started shim, named by its pid and start time. */
  public record Shim(long pid, long startTime, ProcStat proc) {
    public boolean isAlive() {
      return proc.alive(pid, startTime);
    }

    /** Kills the shim (not what it runs: the runtime stops that). */
    void kill() {
      if (isAlive()) {
        HostCommand.run(List.of("kill", "-s", "KILL", Long.toString(pid)), Duration.ofSeconds(10));
      }
    }
  }

  /**
   * Whether {@code cmdline} (NUL-separated, from /proc) is the shim of the container in {@code containerDir}: the
   * shell, or the {@code setsid} that is about to become it.
   */
  public static boolean isShimOf(String cmdline, Path containerDir) {
    return cmdline.contains("\0" + SHIM_NAME + "\0" + containerDir + "\0");
  }

  /** Launches the shim and returns once it wrote its pid; fails with IO or TIMEOUT (see {@code shim.err}). */
  public static Shim launch(Path containerDir, List<String> command, Map<String, String> env, Path workDir,
      ProcStat proc, Duration timeout) {
    List<String> argv = new ArrayList<>(List.of("/usr/bin/setsid", "-f", "/bin/sh", "-c", SCRIPT, SHIM_NAME,
        containerDir.toString()));
    argv.addAll(command);
    File shimErr = containerDir.resolve("shim.err").toFile();
    ProcessBuilder builder = new ProcessBuilder(argv).directory(workDir.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(ProcessBuilder.Redirect.appendTo(shimErr))
        .redirectError(ProcessBuilder.Redirect.appendTo(shimErr));
    builder.environment().clear();
    builder.environment().putAll(env);
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      Process setsid = builder.start();
      // setsid -f exits as soon as it forked the shim, and with it the JVM thread that reaps it
      if (!setsid.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || setsid.exitValue() != 0) {
        setsid.destroyForcibly();
        throw new ContainerRuntimeException(RuntimeErrorCode.IO, "cannot start the container shim; see " + shimErr);
      }
    } catch (IOException e) {
      throw new ContainerRuntimeException(RuntimeErrorCode.IO, "cannot start the container shim: " + e.getMessage(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ContainerRuntimeException(RuntimeErrorCode.IO, "interrupted while starting a container", e);
    }
    Path pidFile = containerDir.resolve("shim.pid");
    while (System.nanoTime() - deadline < 0) {
      try {
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        return new Shim(pid, proc.startTime(pid).orElse(0), proc);
      } catch (IOException | NumberFormatException e) {
        LockSupport.parkNanos(POLL.toNanos());
      }
    }
    throw new ContainerRuntimeException(RuntimeErrorCode.TIMEOUT, "the container shim did not start within "
        + timeout + "; see " + shimErr);
  }
}
