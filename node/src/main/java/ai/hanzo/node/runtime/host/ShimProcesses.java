package ai.hanzo.node.runtime.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Finds the shim of a container on this host, whatever the node recorded: a node killed between launching a shim
 * and recording it must not start a second one. A process is a container's shim when its command line is the
 * shim's with that container's directory ({@link ShimLauncher#isShimOf}); its pid and start time name it for good.
 */
public final class ShimProcesses {
  /** A live shim. */
  public record Found(long pid, long startTime) {}

  private final ProcStat proc;

  public ShimProcesses(ProcStat proc) {
    this.proc = proc;
  }

  /** The shim named by {@code shim.pid} (the shim writes it itself before it runs anything), if it still runs. */
  public Optional<Found> fromPidFile(Path containerDir) {
    long pid;
    try {
      pid = Long.parseLong(Files.readString(containerDir.resolve("shim.pid")).strip());
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
    return verified(pid, containerDir);
  }

  /** Every live shim of the container, by a scan of all processes (costly: for interrupted starts and tests). */
  public List<Found> scan(Path containerDir) {
    List<Found> found = new ArrayList<>();
    for (long pid : proc.pids()) {
      verified(pid, containerDir).ifPresent(found::add);
    }
    return found;
  }

  /**
   * The shim of an interrupted start: its pid file, or while some process is still becoming the shim (found by a
   * scan) the pid file it is about to write. Empty once no shim of the container runs (or after {@code timeout}).
   */
  public Optional<Found> awaitPidFile(Path containerDir, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<Found> shim = fromPidFile(containerDir);
      if (shim.isPresent()) {
        return shim;
      }
      List<Found> becoming = scan(containerDir);
      if (becoming.isEmpty() || System.nanoTime() - deadline > 0) {
        return becoming.stream().findFirst();
      }
      LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
    }
  }

  private Optional<Found> verified(long pid, Path containerDir) {
    OptionalLong start = proc.startTime(pid);
    if (start.isEmpty() || !ShimLauncher.isShimOf(proc.cmdline(pid), containerDir)
        || !proc.alive(pid, start.getAsLong())) {
      return Optional.empty();
    }
    return Optional.of(new Found(pid, start.getAsLong()));
  }
}
