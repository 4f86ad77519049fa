package ai.hanzo.node.usage;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** The buckets compute usage is summed in: hours or days (UTC), or the query's whole range. */
public enum Granularity {
  HOUR, DAY, TOTAL;

  /** {@code hour}, {@code day} or {@code total}, any case; empty: {@link #HOUR}. */
  public static Granularity parse(String text) {
    if (text == null || text.isBlank()) {
      return HOUR;
    }
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + (text.length() > 20 ? text.substring(0, 20) + "..." : text)
          + "' is not one of hour, day, total");
    }
  }

  /** The bucket {@code start} falls in, within the query range {@code [since, until)}. */
  Instant bucketStart(Instant start, Instant since) {
    return switch (this) {
      case HOUR -> start.truncatedTo(ChronoUnit.HOURS);
      case DAY -> start.truncatedTo(ChronoUnit.DAYS);
      case TOTAL -> since;
    };
  }

  Instant bucketEnd(Instant bucketStart, Instant until) {
    return switch (this) {
      case HOUR -> bucketStart.plus(1, ChronoUnit.HOURS);
      case DAY -> bucketStart.plus(1, ChronoUnit.DAYS);
      case TOTAL -> until;
    };
  }
}
