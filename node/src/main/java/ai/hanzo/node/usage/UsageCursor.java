package ai.hanzo.node.usage;

import ai.hanzo.node.storage.LogPosition;
import ai.hanzo.node.storage.PageTokens;

/**
 * A page token of the usage log: the position of the last record a page held (opaque to callers). It is only a
 * position, never a scope or a filter: a token replayed with other filters or by another caller resumes there
 * under that request's own filters and scope.
 */
public record UsageCursor(LogPosition after) {
  private static final String VERSION = "u1";

  public String token() {
    return PageTokens.encode(VERSION, after.epochMillis(), after.sequence());
  }

  /** @throws IllegalArgumentException when {@code token} is not one {@link #token()} made */
  public static UsageCursor parse(String token) {
    long[] fields = PageTokens.decode(token, VERSION, 2, "usage records");
    return new UsageCursor(new LogPosition(fields[0], fields[1]));
  }
}
