package ai.hanzo.node.usage;

import ai.hanzo.node.storage.LogPosition;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A page token of the usage log: the position of the last record a page held (opaque to callers). It is only a
 * position, never a scope or a filter: a token replayed with other filters or by another caller resumes there
 * under that request's own filters and scope.
 */
public record UsageCursor(LogPosition after) {
  private static final String VERSION = "u1";
  private static final int MAX_TOKEN_LENGTH = 128;

  public String token() {
    String text = VERSION + ":" + after.epochMillis() + ":" + after.sequence();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
  }

  /** @throws IllegalArgumentException when {@code token} is not one {@link #token()} made */
  public static UsageCursor parse(String token) {
    try {
      if (token.length() > MAX_TOKEN_LENGTH) {
        throw new IllegalArgumentException("too long");
      }
      String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII).split(":", -1);
      if (parts.length != 3 || !VERSION.equals(parts[0])) {
        throw new IllegalArgumentException("unknown format");
      }
      return new UsageCursor(new LogPosition(Long.parseLong(parts[1]), Long.parseLong(parts[2])));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("'" + (token.length() > 40 ? token.substring(0, 40) + "..." : token)
          + "' is not a page token of this node's usage records; pass next_page_token of the previous page");
    }
  }
}
