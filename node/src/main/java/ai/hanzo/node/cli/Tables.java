package ai.hanzo.node.cli;

import java.time.Instant;
import java.util.Locale;

/** What the table renderings share: the two-column layout and how numbers, times and states read. */
final class Tables {
  private Tables() {}

  /** Rows of a label and a value, the labels padded to one column. */
  static String labelled(String[][] rows) {
    StringBuilder sb = new StringBuilder();
    for (String[] row : rows) {
      sb.append(String.format("%-12s %s%n", row[0], row[1]));
    }
    return sb.toString();
  }

  /** {@code running}, or the state with its reason: {@code waiting: CrashLoopBackOff}, {@code exited: Error}. */
  static String state(String state, String reason) {
    return reason.isEmpty() ? state : state + ": " + reason;
  }

  /** The message of a replica or container, with when it is tried again. */
  static String message(String message, long nextRetryMillis) {
    String next = nextRetryMillis == 0 ? "" : "next attempt at " + Instant.ofEpochMilli(nextRetryMillis);
    return message.isEmpty() ? next : next.isEmpty() ? message : message + " (" + next + ")";
  }

  /** The API's name of an enum value without its type's prefix: {@code NODE_STATE_READY} reads {@code READY}. */
  static String enumWord(String apiName, String prefix) {
    return apiName.replace(prefix, "");
  }

  static String orDash(String s) {
    return s.isEmpty() ? "-" : s;
  }

  static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
  }

  static String bytes(double n) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    int u = 0;
    while (n >= 1024 && u < units.length - 1) {
      n /= 1024;
      u++;
    }
    return u == 0 ? String.format(Locale.ROOT, "%.0f B", n) : String.format(Locale.ROOT, "%.1f %s", n, units[u]);
  }

  static String duration(long seconds) {
    long d = seconds / 86400;
    long h = seconds % 86400 / 3600;
    long m = seconds % 3600 / 60;
    long s = seconds % 60;
    return d > 0 ? d + "d" + h + "h" + m + "m" : h > 0 ? h + "h" + m + "m" + s + "s" : m > 0 ? m + "m" + s + "s"
        : s + "s";
  }
}
