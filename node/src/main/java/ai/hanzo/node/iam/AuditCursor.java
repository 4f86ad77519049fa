package ai.hanzo.node.iam;

import ai.hanzo.node.storage.PageTokens;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Where a page of the audit log stopped: resume at the millisecond {@code at}, passing over the first {@code skip}
 * entries of that millisecond. The log orders entries by millisecond, then by append order (concurrent calls may
 * append a later instant first), so a position is a millisecond and a count, never a finer instant. As a page token
 * it is opaque to callers.
 */
public record AuditCursor(Instant at, int skip) {
  private static final String VERSION = "a1";
  private static final String LOG = "audit log";

  public AuditCursor {
    at = at.truncatedTo(ChronoUnit.MILLIS);
    if (skip < 0) {
      throw new IllegalArgumentException("skip must not be negative");
    }
  }

  /** The position after one more entry stamped {@code time}. */
  AuditCursor after(Instant time) {
    Instant millis = time.truncatedTo(ChronoUnit.MILLIS);
    return millis.equals(at) ? new AuditCursor(at, skip + 1) : new AuditCursor(millis, 1);
  }

  boolean sameMillisecond(Instant time) {
    return time.truncatedTo(ChronoUnit.MILLIS).equals(at);
  }

  public String token() {
    return PageTokens.encode(VERSION, at.getEpochSecond(), at.getNano(), skip);
  }

  /** @throws IllegalArgumentException when the text is not a token {@link #token()} made */
  public static AuditCursor parse(String token) {
    long[] fields = PageTokens.decode(token, VERSION, 3, LOG);
    try {
      return new AuditCursor(Instant.ofEpochSecond(fields[0], fields[1]), Math.toIntExact(fields[2]));
    } catch (RuntimeException e) {
      throw PageTokens.notAToken(token, LOG);
    }
  }
}
