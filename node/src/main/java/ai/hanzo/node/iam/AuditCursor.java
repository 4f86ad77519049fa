package ai.hanzo.node.iam;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * Where a page of the audit log stopped: resume at the millisecond {@code at}, passing over the first {@code skip}
 * entries of that millisecond. The log orders entries by millisecond, then by append order (concurrent calls may
 * append a later instant first), so a position is a millisecond and a count, never a finer instant. As a page token
 * it is opaque to callers.
 */
public record AuditCursor(Instant at, int skip) {
  private static final String VERSION = "a1";

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
    String text = VERSION + ":" + at.getEpochSecond() + ":" + at.getNano() + ":" + skip;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
  }

  /** @throws IllegalArgumentException when the text is not a token {@link #token()} made */
  public static AuditCursor parse(String token) {
    try {
      if (token.length() > 128) {
        throw new IllegalArgumentException("too long");
      }
      String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII).split(":", -1);
      if (parts.length != 4 || !VERSION.equals(parts[0])) {
        throw new IllegalArgumentException("unknown format");
      }
      return new AuditCursor(Instant.ofEpochSecond(Long.parseLong(parts[1]), Long.parseLong(parts[2])),
          Integer.parseInt(parts[3]));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("'" + (token.length() > 40 ? token.substring(0, 40) + "..." : token)
          + "' is not a page token of this node's audit log; pass next_page_token of the previous page");
    }
  }
}
