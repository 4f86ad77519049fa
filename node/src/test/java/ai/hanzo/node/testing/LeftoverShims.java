package ai.hanzo.node.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds and kills the container shims ({@code sh -c SCRIPT hanzo-shim <containerDir> ...}, started by the process
 * runtime in their own session) whose container directory lies under one of some nodes' data directories, and what
 * they run. Read from /proc: the shim's parent is init, not the node, so only its command line ties it to a test.
 */
final class LeftoverShims {
  private static final String SHIM = "\0hanzo-shim\0";

  private LeftoverShims() {}

  /** Kills the shims under {@code dataDirs} with their descendants (the container's processes) first. */
  static void kill(Collection<Path> dataDirs) throws InterruptedException {
    List<ProcessHandle> victims = new ArrayList<>();
    ProcessHandle.allProcesses().filter(p -> under(containerDir(p.pid()), dataDirs)).forEach(shim -> {
      shim.descendants().forEach(victims::add);
      victims.add(shim);
    });
    for (ProcessHandle p : victims) {
      p.destroyForcibly();
    }
    for (ProcessHandle p : victims) {
      try {
        p.onExit().get(10, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        System.err.println("process " + p.pid() + " left by a test did not exit after SIGKILL: " + e);
      }
    }
    if (!victims.isEmpty()) {
      System.err.println("NodeGroup killed " + victims.size() + " container process(es) a test left running under "
          + dataDirs);
    }
  }

  /** The container directory named in a shim's command line, or null for any other process. */
  private static String containerDir(long pid) {
    try {
      String cmdline = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
          StandardCharsets.UTF_8);
      int at = cmdline.indexOf(SHIM);
      return at < 0 ? null : cmdline.substring(at + SHIM.length()).split("\0", 2)[0];
    } catch (IOException | SecurityException e) {
      return null; // gone meanwhile, or not ours to read
    }
  }

  private static boolean under(String containerDir, Collection<Path> dataDirs) {
    if (containerDir == null) {
      return false;
    }
    Path dir = Path.of(containerDir).toAbsolutePath().normalize();
    return dataDirs.stream().anyMatch(d -> dir.startsWith(d.toAbsolutePath().normalize()));
  }
}
