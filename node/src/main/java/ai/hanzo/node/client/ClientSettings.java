package ai.hanzo.node.client;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where and as whom the CLI connects. {@code endpoint} is {@code host:port} or an {@code http(s)://} URL;
 * {@code token} goes out as {@code authorization: Bearer}, {@code apiKey} as {@code x-api-key}; either may be null.
 *
 * @param tlsCa PEM CA certificates the node's certificate must chain to, or {@code null} for the JDK's trust store
 * @param tlsCert PEM client certificate for mTLS, with {@code tlsKey}, or {@code null}
 */
public record ClientSettings(String endpoint, String token, String apiKey, Duration timeout, Path tlsCa,
    Path tlsCert, Path tlsKey) {

  public ClientSettings(String endpoint, String token, String apiKey, Duration timeout) {
    this(endpoint, token, apiKey, timeout, null, null, null);
  }

  /** Any TLS option makes a bare {@code host:port} an https endpoint. */
  public String uri() {
    String e = endpoint.trim();
    if (e.startsWith("http://") || e.startsWith("https://")) {
      return e;
    }
    return (usesTlsOptions() ? "https://" : "http://") + e;
  }

  boolean usesTlsOptions() {
    return tlsCa != null || tlsCert != null || tlsKey != null;
  }
}
