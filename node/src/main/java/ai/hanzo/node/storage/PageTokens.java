package ai.hanzo.node.storage;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Page tokens of the node's logs (audit, usage): a position as a few numbers behind a version tag, opaque to callers
 * (base64url of {@code version:n1:n2...}). One codec, so every log's tokens are bounded, versioned and refused alike.
 */
public final class PageTokens {
  private static final int MAX_LENGTH = 128;

  private PageTokens() {}

  /** The token of {@code fields} under {@code version}. */
  public static String encode(String version, long... fields) {
    StringBuilder text = new StringBuilder(version);
    for (long field : fields) {
      text.append(':').append(field);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * The {@code count} fields of a token {@link #encode} made under {@code version}.
   *
   * @throws IllegalArgumentException {@link #notAToken} otherwise
   */
  public static long[] decode(String token, String version, int count, String log) {
    try {
      if (token.length() > MAX_LENGTH) {
        throw new IllegalArgumentException("too long");
      }
      String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII).split(":", -1);
      if (parts.length != count + 1 || !version.equals(parts[0])) {
        throw new IllegalArgumentException("unknown format");
      }
      long[] fields = new long[count];
      for (int i = 0; i < count; i++) {
        fields[i] = Long.parseLong(parts[i + 1]);
      }
      return fields;
    } catch (RuntimeException e) {
      throw notAToken(token, log);
    }
  }

  /** The refusal of {@code token}, which is no page token of {@code log} (e.g. "audit log"). */
  public static IllegalArgumentException notAToken(String token, String log) {
    return new IllegalArgumentException("'" + (token.length() > 40 ? token.substring(0, 40) + "..." : token)
        + "' is not a page token of this node's " + log + "; pass next_page_token of the previous page");
  }
}
