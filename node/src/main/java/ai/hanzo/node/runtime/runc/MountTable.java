package ai.hanzo.node.runtime.runc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the mount points of this process's mount namespace from {@code /proc/self/mountinfo}. */
final class MountTable {
  private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

  private MountTable() {}

  /** Whether something is mounted exactly at {@code path} (absolute, normalized). */
  static boolean isMountPoint(Path path) {
    String wanted = path.toAbsolutePath().normalize().toString();
    try {
      for (String line : Files.readAllLines(MOUNTINFO)) {
        String[] fields = line.split(" ");
        if (fields.length > 4 && unescape(fields[4]).equals(wanted)) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + MOUNTINFO, e);
    }
  }

  /** The kernel writes space, tab, newline and backslash in mount paths as {@code \ooo} octal escapes. */
  static String unescape(String field) {
    StringBuilder out = new StringBuilder(field.length());
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '\\' && isOctal(field, i + 1)) {
        out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isOctal(String s, int from) {
    if (from + 3 > s.length()) {
      return false;
    }
    for (int i = from; i < from + 3; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '7') {
        return false;
      }
    }
    return true;
  }
}
