package ai.hanzo.node.runtime.image;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed {@code WWW-Authenticate} header: the scheme ({@code bearer} or {@code basic}) and its parameters
 * ({@code realm}, {@code service}, {@code scope}). Quoted values may contain commas and escaped quotes.
 */
public record AuthChallenge(String scheme, Map<String, String> parameters) {
  private static final int MAX_LENGTH = 8192;

  public AuthChallenge {
    parameters = Map.copyOf(parameters);
  }

  /** The challenge, or empty when the header is missing or unreadable. */
  public static Optional<AuthChallenge> parse(String header) {
    if (header == null || header.isBlank() || header.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    String text = header.strip();
    int space = text.indexOf(' ');
    String scheme = (space < 0 ? text : text.substring(0, space)).toLowerCase(Locale.ROOT);
    if (!scheme.matches("[a-z0-9_-]+")) {
      return Optional.empty();
    }
    Map<String, String> params = new HashMap<>();
    int i = space < 0 ? text.length() : space + 1;
    while (i < text.length()) {
      while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == ',')) {
        i++;
      }
      int equals = text.indexOf('=', i);
      if (equals < 0) {
        break;
      }
      String key = text.substring(i, equals).strip().toLowerCase(Locale.ROOT);
      StringBuilder value = new StringBuilder();
      i = equals + 1;
      if (i < text.length() && text.charAt(i) == '"') {
        i++;
        while (i < text.length() && text.charAt(i) != '"') {
          if (text.charAt(i) == '\\' && i + 1 < text.length()) {
            i++;
          }
          value.append(text.charAt(i++));
        }
        i++;
      } else {
        while (i < text.length() && text.charAt(i) != ',') {
          value.append(text.charAt(i++));
        }
      }
      params.put(key, value.toString().strip());
    }
    return Optional.of(new AuthChallenge(scheme, params));
  }

  public String parameter(String name) {
    return parameters.getOrDefault(name, "");
  }
}
