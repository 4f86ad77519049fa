package ai.hanzo.node.api.client;

import java.time.Duration;

/**
 * Where and as whom the CLI connects. {@code endpoint} is {@code host:port} or an {@code http(s)://} URL;
 * {@code token} goes out as {@code authorization: Bearer}, {@code apiKey} as {@code x-api-key}; either may be null.
 */
public record ClientSettings(String endpoint, String token, String apiKey, Duration timeout) {
  public String uri() {
    String e = endpoint.trim();
    return e.startsWith("http://") || e.startsWith("https://") ? e : "http://" + e;
  }
}
