package ai.hanzo.node.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * A shell busy loop the metering ITs deploy, and what the kernel says it used: found in /proc by its exact command
 * line and a working directory under the node's data directory, so the test reads the truth the node is metered
 * against. {@code script} differs per test so that two tests' loops are never confused.
 */
record BusyLoop(String script) {
  private static final long TICKS_PER_SECOND = 100; // USER_HZ, what /proc/<pid>/stat counts in on Linux

  /** The service's command. */
  List<String> command() {
    return List.of("sh", "-c", script);
  }

  /** The loop's shell working in {@code dataDir}, if it runs. */
  OptionalLong pid(Path dataDir) throws IOException {
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .filter(p -> read(p.resolve("cmdline")).equals("sh\0-c\0" + script + "\0"))
          .filter(p -> cwd(p).startsWith(dataDir.toString()))
          .mapToLong(p -> Long.parseLong(p.getFileName().toString())).findFirst();
    }
  }

  /** Kills the loop that runs in {@code dataDir}, if one does: process-runtime containers outlive their node. */
  void kill(Path dataDir) throws IOException {
    pid(dataDir).ifPresent(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
  }

  /** utime + stime of a live process, from /proc/<pid>/stat (fields 14 and 15, after the command in parentheses). */
  static double cpuSeconds(long pid) {
    String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
    if (stat.isEmpty()) {
      return 0;
    }
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) TICKS_PER_SECOND;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "";
    }
  }

  private static String cwd(Path proc) {
    try {
      return Files.readSymbolicLink(proc.resolve("cwd")).toString();
    } catch (IOException e) {
      return "";
    }
  }
}
