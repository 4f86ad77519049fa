package ai.hanzo.node.runtime.logs;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads back what {@link Instant#toString()} writes for years 0000 to 9999 ({@code 2026-11-26T05:24:59.123Z}, with 0,
 * 3, 6 or 9 fraction digits) without the general ISO parser, which costs more than the rest of decoding a log line.
 */
final class CanonicalInstant {
  private static final int NO_FRACTION_LENGTH = "2026-11-26T05:24:59Z".length();

  private CanonicalInstant() {}

  /** The instant in {@code text[0, end)}, or null when it is not in that exact form (callers then fall back). */
  static Instant parse(String text, int end) {
    if (end < NO_FRACTION_LENGTH || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
        || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(end - 1) != 'Z') {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    int nanos = end == NO_FRACTION_LENGTH ? 0 : fractionNanos(text, end);
    if ((year | month | day | hour | minute | second | nanos) < 0 || hour > 23 || minute > 59 || second > 59) {
      return null;
    }
    try {
      long days = LocalDate.of(year, month, day).toEpochDay();
      return Instant.ofEpochSecond(days * 86_400 + hour * 3600L + minute * 60L + second, nanos);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** Nanoseconds of {@code .fff}, {@code .ffffff} or {@code .fffffffff} before the closing Z; -1 otherwise. */
  private static int fractionNanos(String text, int end) {
    int count = end - NO_FRACTION_LENGTH - 1;
    if (text.charAt(NO_FRACTION_LENGTH - 1) != '.' || count != 3 && count != 6 && count != 9) {
      return -1;
    }
    int fraction = digits(text, NO_FRACTION_LENGTH, count);
    int scale = count == 3 ? 1_000_000 : count == 6 ? 1_000 : 1;
    return fraction < 0 ? -1 : fraction * scale;
  }

  /** The decimal number of {@code count} ASCII digits at {@code from}, or -1. */
  private static int digits(String text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
