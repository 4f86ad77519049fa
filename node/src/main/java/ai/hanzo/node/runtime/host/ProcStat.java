package ai.hanzo.node.runtime.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Reads {@code /proc/<pid>/stat}. A pid plus its start time (field 22, clock ticks since boot) names one process
 * for good: a recycled pid has a different start time, so it is never mistaken for our container.
 */
public final class ProcStat {
  private final Path proc;

  public ProcStat(Path proc) {
    this.proc = proc;
  }

  public ProcStat() {
    this(Path.of("/proc"));
  }

  /** The start time of a live (non-zombie) process, or empty when there is none with that pid. */
  public OptionalLong startTime(long pid) {
    if (pid <= 0) {
      return OptionalLong.empty();
    }
    String stat;
    try {
      stat = Files.readString(proc.resolve(Long.toString(pid)).resolve("stat"));
    } catch (IOException e) {
      return OptionalLong.empty();
    }
    return parseStartTime(stat);
  }

  /** The NUL-separated argv of a process, or empty when there is none with that pid. */
  public String cmdline(long pid) {
    try {
      return new String(Files.readAllBytes(proc.resolve(Long.toString(pid)).resolve("cmdline")),
          java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** The pids of every process now running (a snapshot: some may be gone by the time they are looked at). */
  public java.util.List<Long> pids() {
    try (java.util.stream.Stream<Path> entries = Files.list(proc)) {
      return entries.map(entry -> entry.getFileName().toString()).filter(name -> name.matches("[0-9]+"))
          .map(Long::parseLong).toList();
    } catch (IOException e) {
      return java.util.List.of();
    }
  }

  /** Whether the process {@code pid} that started at {@code startTime} still runs. */
  public boolean alive(long pid, long startTime) {
    OptionalLong actual = startTime(pid);
    return actual.isPresent() && actual.getAsLong() == startTime;
  }

  /** Field 22 of a stat line; the command name (field 2) may contain spaces and ')' so fields count from the last ')'. */
  static OptionalLong parseStartTime(String stat) {
    int end = stat.lastIndexOf(')');
    if (end < 0 || end + 2 >= stat.length()) {
      return OptionalLong.empty();
    }
    String[] fields = stat.substring(end + 2).trim().split(" ");
    // fields[0] is field 3 (state), so field 22 is fields[19]
    if (fields.length < 20 || fields[0].equals("Z") || fields[0].equals("X")) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(fields[19]));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
