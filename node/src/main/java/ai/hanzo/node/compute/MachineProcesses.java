package ai.hanzo.node.compute;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The node's default process budget, from what this machine allows: every thread takes a pid, so the smallest of
 * the cgroup's {@code pids.max} (this cgroup's and its ancestors', v1 or v2), {@code kernel.pid_max},
 * {@code kernel.threads-max} and the node's {@code ulimit -u}, less an eighth (at least 1,024) left for the node's
 * own threads and the rest of the host. Where none of them can be read (not Linux) it assumes Linux's classic
 * pid_max, 32,768.
 */
public final class MachineProcesses {
  /** Assumed when the machine says nothing: Linux's traditional pid_max. */
  static final long FALLBACK_LIMIT = 32_768;
  /** Left for the node and the rest of the host at least. */
  static final long MIN_HEADROOM = 1024;
  /** More than any of the files read here holds. */
  private static final int MAX_READ = 64 * 1024;

  private MachineProcesses() {}

  /** The budget derived from this machine's limits. */
  public static long budget() {
    return budget(limit(Path.of("/proc"), Path.of("/sys/fs/cgroup")).orElse(FALLBACK_LIMIT));
  }

  /** {@code limit} less the headroom: an eighth of it, at least 1,024, at most half of it. */
  static long budget(long limit) {
    long headroom = Math.min(limit / 2, Math.max(MIN_HEADROOM, limit / 8));
    return Math.max(1, limit - headroom);
  }

  /** The smallest process limit readable under {@code proc} and {@code cgroupRoot}; empty when none is. */
  static OptionalLong limit(Path proc, Path cgroupRoot) {
    long min = Long.MAX_VALUE;
    min = Math.min(min, number(read(proc.resolve("sys/kernel/pid_max"))));
    min = Math.min(min, number(read(proc.resolve("sys/kernel/threads-max"))));
    min = Math.min(min, userLimit(read(proc.resolve("self/limits"))));
    min = Math.min(min, cgroupLimit(read(proc.resolve("self/cgroup")), cgroupRoot));
    return min == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(min);
  }

  /** The soft "Max processes" of {@code /proc/self/limits} ({@code ulimit -u}). */
  static long userLimit(String limits) {
    for (String line : limits.split("\n")) {
      if (line.startsWith("Max processes")) {
        String[] fields = line.substring("Max processes".length()).trim().split("\\s+");
        return fields.length > 0 ? number(fields[0]) : Long.MAX_VALUE;
      }
    }
    return Long.MAX_VALUE;
  }

  /**
   * The smallest {@code pids.max} on the way from this process's cgroup to the root: {@code 0::/path} (v2,
   * {@code <root>/path}) or {@code N:pids:/path} (v1, {@code <root>/pids/path}).
   */
  static long cgroupLimit(String cgroups, Path root) {
    long min = Long.MAX_VALUE;
    for (String line : cgroups.split("\n")) {
      String[] parts = line.split(":", 3);
      if (parts.length != 3) {
        continue;
      }
      Path base;
      if (parts[0].equals("0") && parts[1].isEmpty()) {
        base = root;
      } else if (List.of(parts[1].split(",")).contains("pids")) {
        base = root.resolve("pids");
      } else {
        continue;
      }
      Path dir = base.resolve(parts[2].replaceFirst("^/+", ""));
      for (Path p = dir; p != null && p.startsWith(base); p = p.getParent()) {
        min = Math.min(min, number(read(p.resolve("pids.max"))));
      }
    }
    return min;
  }

  /** A positive whole number, else {@link Long#MAX_VALUE} ("max", "unlimited", unreadable). */
  private static long number(String text) {
    try {
      long n = Long.parseLong(text.trim().toLowerCase(Locale.ROOT));
      return n > 0 ? n : Long.MAX_VALUE;
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  /**
   * The file's text, read in one call with a large buffer: procfs reports size 0 and a sysctl file answers only a
   * read at offset 0 ({@code Files.readString} reads one byte first, then gets EOF: "3" for 32768).
   */
  static String read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return new String(in.readNBytes(MAX_READ), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
