package ai.hanzo.node.runtime.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Resource use of a container without cgroups: the sum over every process of its session (the container's main
 * process is a session leader, and its children stay in its session unless they call setsid themselves).
 */
final class SessionUsage {
  /** Linux reports utime/stime in clock ticks of USER_HZ, which is 100 on every mainstream architecture. */
  private static final long NANOS_PER_TICK = 10_000_000L;
  private static final long PAGE_SIZE = 4096;

  private final Path proc;

  SessionUsage(Path proc) {
    this.proc = proc;
  }

  CgroupUsage measure(long sessionId) throws IOException {
    long cpu = 0;
    long memory = 0;
    long count = 0;
    try (Stream<Path> entries = Files.list(proc)) {
      for (Path entry : entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .toList()) {
        String[] fields = fieldsAfterName(entry.resolve("stat"));
        // fields[0] is stat field 3; session is field 6, utime 14, stime 15, rss 24
        if (fields == null || fields.length < 22 || Long.parseLong(fields[3]) != sessionId) {
          continue;
        }
        cpu += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
        memory += Long.parseLong(fields[21]) * PAGE_SIZE;
        count++;
      }
    }
    return new CgroupUsage(cpu, memory, count);
  }

  private static String[] fieldsAfterName(Path stat) {
    try {
      String text = Files.readString(stat);
      int end = text.lastIndexOf(')');
      return end < 0 ? null : text.substring(end + 2).trim().split(" ");
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
