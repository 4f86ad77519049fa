package ai.hanzo.node.runtime.logs;

import ai.hanzo.node.runtime.LogEntry;
import ai.hanzo.node.runtime.LogStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The on-disk log format: one entry per line, {@code <ISO-8601 instant> <stdout|stderr> <text>}. The text never
 * contains a newline because entries are cut at newlines; a line that does not parse (a torn write after a crash)
 * is skipped by readers instead of failing them.
 */
public final class LogLineCodec {
  private LogLineCodec() {}

  public static String encode(LogEntry entry) {
    return entry.timestamp() + " " + entry.stream().wireName() + " " + entry.line() + "\n";
  }

  /** Parses one line (without its newline); empty when it is not a well-formed entry. */
  public static Optional<LogEntry> decode(String line) {
    int firstSpace = line.indexOf(' ');
    if (firstSpace <= 0 || firstSpace > 40) {
      return Optional.empty();
    }
    int secondSpace = line.indexOf(' ', firstSpace + 1);
    if (secondSpace < 0) {
      return Optional.empty();
    }
    LogStream stream;
    if (isWord(line, firstSpace + 1, secondSpace, "stdout")) {
      stream = LogStream.STDOUT;
    } else if (isWord(line, firstSpace + 1, secondSpace, "stderr")) {
      stream = LogStream.STDERR;
    } else {
      return Optional.empty();
    }
    Instant timestamp = CanonicalInstant.parse(line, firstSpace);
    if (timestamp == null) {
      try {
        timestamp = Instant.parse(line.substring(0, firstSpace));
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
    return Optional.of(new LogEntry(timestamp, stream, line.substring(secondSpace + 1)));
  }

  private static boolean isWord(String line, int from, int to, String word) {
    return to - from == word.length() && line.startsWith(word, from);
  }
}
