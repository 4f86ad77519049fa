package ai.hanzo.node.chain;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.web3j.protocol.Service;

/**
 * web3j's JSON-RPC transport over the JDK's {@link HttpClient}. Every call has one deadline, {@code timeout}, for the
 * whole exchange: connecting, the headers <em>and</em> the body. (The JDK's own request timeout stops at the
 * headers, so an RPC that sends headers and then stalls would hold the calling thread for good.) An answer larger
 * than {@link #MAX_ANSWER_BYTES} is refused as it arrives, not after it was buffered. Blocking: callers run it off
 * the event loop.
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
    CompletableFuture<HttpResponse<byte[]>> call = client.sendAsync(request,
        info -> new BoundedBody(MAX_ANSWER_BYTES, shown));
    HttpResponse<byte[]> response;
    try {
      response = call.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      call.cancel(true); // closes the exchange: a stalled connection is not left open
      throw noAnswer();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof HttpTimeoutException) {
        throw noAnswer();
      }
      if (cause instanceof IOException io) {
        throw io.getMessage() == null ? new IOException(shown + ": " + io.getClass().getSimpleName(), io) : io;
      }
      throw new IOException(shown + ": " + cause, cause);
    } catch (InterruptedException e) {
      call.cancel(true);
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while calling " + shown, e);
    }
    if (response.statusCode() / 100 != 2) {
      throw new IOException(shown + " answered HTTP " + response.statusCode());
    }
    return new ByteArrayInputStream(response.body());
  }

  private IOException noAnswer() {
    return new IOException("no answer from " + shown + " within " + timeout.toMillis() + " ms");
  }

  @Override
  public void close() {
    // The JDK 17 HttpClient has no close; its threads end once it is unreachable.
  }

  /** Collects at most {@code limit} bytes; more cancels the body and fails the call. */
  private static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final int limit;
    private final String shown;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    BoundedBody(int limit, String shown) {
      this.limit = limit;
      this.shown = shown;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer b : buffers) {
        if (bytes.size() + b.remaining() > limit) {
          subscription.cancel();
          result.completeExceptionally(new IOException(shown + " answered more than " + limit + " bytes"));
          return;
        }
        byte[] chunk = new byte[b.remaining()];
        b.get(chunk);
        bytes.write(chunk, 0, chunk.length);
      }
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(bytes.toByteArray());
    }
  }
}
