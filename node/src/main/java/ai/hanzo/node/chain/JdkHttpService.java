package ai.hanzo.node.chain;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.web3j.protocol.Service;

/**
 * web3j's JSON-RPC transport over the JDK's {@link HttpClient}: every call has a deadline (an RPC that hangs is an
 * error after {@code timeout}, not a stuck thread) and an answer larger than {@link #MAX_ANSWER_BYTES} is refused.
 * Blocking: callers run it off the event loop.
 */
public final class JdkHttpService extends Service {
  /** Far above any answer the node asks for (a block without transactions, a receipt, a call result). */
  static final int MAX_ANSWER_BYTES = 8 << 20;

  private final URI url;
  /** What messages name: never the path or user info, which may hold an API key. */
  private final String shown;
  private final Duration timeout;
  private final HttpClient client;

  public JdkHttpService(URI url, Duration timeout) {
    super(false);
    this.url = url;
    this.shown = ChainFollower.redacted(url);
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  @Override
  protected InputStream performIO(String payload) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8)).build();
    HttpResponse<InputStream> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      throw new IOException("no answer from " + shown + " within " + timeout.toMillis() + " ms", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while calling " + shown, e);
    }
    try (InputStream body = response.body()) {
      byte[] bytes = body.readNBytes(MAX_ANSWER_BYTES + 1);
      if (bytes.length > MAX_ANSWER_BYTES) {
        throw new IOException(shown + " answered more than " + MAX_ANSWER_BYTES + " bytes");
      }
      if (response.statusCode() / 100 != 2) {
        throw new IOException(shown + " answered HTTP " + response.statusCode());
      }
      return new ByteArrayInputStream(bytes);
    }
  }

  @Override
  public void close() {
    // The JDK 17 HttpClient has no close; its threads end once it is unreachable.
  }
}
