package ai.hanzo.node.inference.upstream;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.inference.Cancellation;
import ai.hanzo.node.inference.Completion;
import ai.hanzo.node.inference.Embeddings;
import ai.hanzo.node.inference.FinishReason;
import ai.hanzo.node.inference.TokenSink;
import ai.hanzo.node.inference.Vectors;
import ai.hanzo.node.models.UpstreamTarget;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;

/**
 * The HTTP exchanges of one upstream model: a streamed completion read event by event into a sink, and a batch of
 * embeddings read whole, each on the engine's reader pool, bounded by {@link UpstreamLimits}, and stopped (its
 * connection closed, which the upstream sees as its client leaving) on cancellation.
 */
final class UpstreamCalls {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_ERROR_TEXT = 300;
  /** How OpenAI, vLLM and llama.cpp's server word a refusal for a prompt (and max_tokens) beyond the context. */
  private static final Pattern CONTEXT_OVERFLOW = Pattern.compile("(?i)context[ _](length|window|size)|maximum"
      + " context|exceeds? the available context|too many tokens|context_length_exceeded|n_ctx");

  private final HttpClient http;
  private final ExecutorService readers;
  private final ScheduledExecutorService watchdog;
  private final UpstreamLimits limits;
  private final String name;
  private final UpstreamTarget target;
  private final IntSupplier contextLength;

  UpstreamCalls(HttpClient http, ExecutorService readers, ScheduledExecutorService watchdog, UpstreamLimits limits,
      String name, UpstreamTarget target, IntSupplier contextLength) {
    this.contextLength = contextLength;
    this.http = http;
    this.readers = readers;
    this.watchdog = watchdog;
    this.limits = limits;
    this.name = name;
    this.target = target;
  }

  /** What a streamed answer's events carry the text in: {@code choices[0].text} or {@code .delta.content}. */
  enum Shape {
    COMPLETION("/completions"), CHAT("/chat/completions");

    final String path;

    Shape(String path) {
      this.path = path;
    }

    String text(JsonNode choice) {
      return this == COMPLETION ? choice.path("text").asText("") : choice.path("delta").path("content").asText("");
    }
  }

  CompletableFuture<Completion> stream(Shape shape, ObjectNode body, String apiKey, TokenSink sink,
      Cancellation cancellation) {
    CompletableFuture<Completion> result = new CompletableFuture<>();
    run(result, () -> result.complete(readStream(shape, body, apiKey, sink, cancellation)));
    return result;
  }

  CompletableFuture<Embeddings> embed(List<String> inputs, String apiKey, Cancellation cancellation) {
    CompletableFuture<Embeddings> result = new CompletableFuture<>();
    ObjectNode body = JSON.createObjectNode();
    body.put("model", target.model());
    inputs.forEach(body.putArray("input")::add);
    body.put("encoding_format", "float");
    run(result, () -> result.complete(readEmbeddings(body, apiKey, cancellation, inputs.size())));
    return result;
  }

  private void run(CompletableFuture<?> result, Runnable work) {
    try {
      readers.execute(() -> {
        try {
          work.run();
        } catch (NodeException e) {
          result.completeExceptionally(e);
        } catch (RuntimeException e) {
          result.completeExceptionally(failure(e.getMessage()));
        }
      });
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(new NodeException(ErrorCode.UNAVAILABLE, "the node is stopping"));
    }
  }

  private Completion readStream(Shape shape, ObjectNode body, String apiKey, TokenSink sink,
      Cancellation cancellation) {
    Exchange exchange = open(shape.path, body, apiKey, cancellation);
    if (exchange == null) {
      return new Completion("", FinishReason.CANCELLED, 0, 0);
    }
    StringBuilder text = new StringBuilder();
    int pieces = 0;
    int promptTokens = -1;
    int completionTokens = -1;
    String finish = null;
    boolean done = false;
    try (exchange) {
      BoundedLines lines = new BoundedLines(exchange.body, limits.maxLineBytes(), limits.maxBodyBytes());
      String line;
      while ((line = exchange.nextLine(lines)) != null) {
        if (!line.startsWith("data:")) {
          continue; // comments, event names, blank separators
        }
        String data = line.substring(5).strip();
        if (data.equals("[DONE]")) {
          done = true;
          break;
        }
        JsonNode event = parse(data);
        if (event.has("error")) {
          throw failure("failed under way: " + errorText(event));
        }
        JsonNode choice = event.path("choices").path(0);
        if (!choice.isMissingNode()) {
          String piece = shape.text(choice);
          if (!piece.isEmpty()) {
            text.append(piece);
            pieces++;
            sink.accept(piece);
          }
          if (choice.hasNonNull("finish_reason")) {
            finish = choice.get("finish_reason").asText();
          }
        } else if (!event.has("usage")) {
          throw failure("sent an event that is not a completion chunk");
        }
        JsonNode usage = event.path("usage");
        if (usage.isObject()) {
          promptTokens = usage.path("prompt_tokens").asInt(promptTokens);
          completionTokens = usage.path("completion_tokens").asInt(completionTokens);
        }
      }
    } catch (IOException e) {
      if (!cancellation.isCancelled()) {
        throw exchange.timedOut.get() ? failure("sent nothing for " + human(limits.idle()) + "; gave up")
            : failure("broke off its answer: " + e.getMessage());
      }
    }
    if (cancellation.isCancelled()) {
      return new Completion(text.toString(), FinishReason.CANCELLED, Math.max(promptTokens, 0),
          Math.max(completionTokens, pieces));
    }
    if (!done && finish == null) {
      throw failure("ended its stream before the completion finished");
    }
    FinishReason reason = "length".equals(finish) ? FinishReason.LENGTH : FinishReason.STOP;
    // Without the upstream's usage the chunks are the count: one token each, as OpenAI-compatible servers send.
    return new Completion(text.toString(), reason, Math.max(promptTokens, 0),
        completionTokens >= 0 ? completionTokens : pieces);
  }

  private Embeddings readEmbeddings(ObjectNode body, String apiKey, Cancellation cancellation, int count) {
    Exchange exchange = open("/embeddings", body, apiKey, cancellation);
    if (exchange == null) {
      throw new NodeException(ErrorCode.UNAVAILABLE, "the request was cancelled");
    }
    JsonNode answer;
    try (exchange) {
      byte[] bytes = exchange.readAll(limits.maxBodyBytes());
      answer = parse(new String(bytes, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw exchange.timedOut.get() ? failure("sent nothing for " + human(limits.idle()) + "; gave up")
          : failure("broke off its answer: " + e.getMessage());
    }
    JsonNode data = answer.path("data");
    if (!data.isArray() || data.size() != count) {
      throw failure("answered " + (data.isArray() ? data.size() : 0) + " embeddings for " + count + " inputs");
    }
    float[][] vectors = new float[count][];
    for (JsonNode item : data) {
      int index = item.path("index").asInt(-1);
      JsonNode values = item.path("embedding");
      if (index < 0 || index >= count || vectors[index] != null || !values.isArray() || values.isEmpty()) {
        throw failure("answered an embedding without a valid index or vector");
      }
      float[] v = new float[values.size()];
      for (int i = 0; i < v.length; i++) {
        if (!values.get(i).isNumber()) {
          throw failure("answered an embedding that is not a list of numbers");
        }
        v[i] = values.get(i).floatValue();
      }
      // Normalised as the node's own embeddings are (see Vectors): one rule for every model.
      vectors[index] = Vectors.unitLength(v);
    }
    return new Embeddings(List.of(vectors), answer.path("usage").path("prompt_tokens").asInt(0));
  }

  /**
   * Sends {@code body} and waits for a 200 answer's headers; null when cancelled meanwhile. Any other status
   * becomes the NodeException it means for the node's caller.
   */
  private Exchange open(String path, ObjectNode body, String apiKey, Cancellation cancellation) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.base() + path))
        .timeout(limits.firstAnswer()).header("content-type", "application/json")
        .header("accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    if (!apiKey.isEmpty()) {
      request.header("authorization", "Bearer " + apiKey);
    }
    CompletableFuture<HttpResponse<InputStream>> sent = http.sendAsync(request.build(),
        HttpResponse.BodyHandlers.ofInputStream());
    Exchange exchange = new Exchange();
    cancellation.onCancel(() -> {
      sent.cancel(true);
      exchange.close();
    });
    HttpResponse<InputStream> response;
    try {
      response = sent.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NodeException(ErrorCode.UNAVAILABLE, "the node is stopping");
    } catch (ExecutionException | java.util.concurrent.CancellationException e) {
      if (cancellation.isCancelled()) {
        return null;
      }
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof HttpTimeoutException) {
        throw failure("did not answer within " + human(limits.firstAnswer()));
      }
      throw failure("is unreachable (" + cause.getClass().getSimpleName()
          + (cause.getMessage() == null ? "" : ": " + clip(cause.getMessage())) + ")");
    }
    exchange.attach(response.body());
    if (cancellation.isCancelled()) {
      exchange.close();
      return null;
    }
    if (response.statusCode() != 200) {
      String detail;
      try (exchange) {
        detail = errorText(new String(exchange.readAll(16 * 1024), StandardCharsets.UTF_8));
      } catch (IOException | RuntimeException e) {
        detail = "";
      }
      throw refusal(response.statusCode(), detail);
    }
    return exchange;
  }

  /** What an upstream's refusal means for the node's caller: its fault (4xx) or the upstream's (503). */
  private NodeException refusal(int status, String detail) {
    String said = detail.isEmpty() ? "" : ": " + detail;
    if ((status == 400 || status == 413 || status == 422) && CONTEXT_OVERFLOW.matcher(detail).find()) {
      int context = contextLength.getAsInt();
      return new NodeException(ErrorCode.INVALID_ARGUMENT, "the prompt and max_tokens do not fit the context of"
          + " model '" + name + "'" + (context > 0 ? " (" + context + " tokens)" : "") + "; shorten the prompt or"
          + " lower max_tokens (its upstream said" + said + ")", Map.of("field", "prompt", "reason",
          "context_length_exceeded", "model", name));
    }
    if (status == 400 || status == 413 || status == 422) {
      return new NodeException(ErrorCode.INVALID_ARGUMENT, "the upstream of model '" + name + "' refused the"
          + " request (HTTP " + status + ")" + said, Map.of("model", name, "reason", "upstream_refused"));
    }
    if (status == 429) {
      return new NodeException(ErrorCode.RESOURCE_EXHAUSTED, "the upstream of model '" + name + "' is busy (HTTP"
          + " 429)" + said + "; retry in 1s", Map.of("model", name, "retry_after_seconds", "1"));
    }
    if (status == 401 || status == 403) {
      return failure("refused the node's credentials (HTTP " + status + "); check the model's API key" + said);
    }
    if (status == 404) {
      return failure("does not serve model '" + clip(target.model()) + "' (HTTP 404)" + said);
    }
    return failure("answered HTTP " + status + said);
  }

  private NodeException failure(String what) {
    return new NodeException(ErrorCode.UNAVAILABLE, "the upstream of model '" + name + "' (" + clip(target.base())
        + ") " + what, Map.of("model", name, "reason", "upstream_failed"));
  }

  private JsonNode parse(String data) {
    try {
      JsonNode node = JSON.readTree(data);
      if (node == null || !node.isObject()) {
        throw failure("answered something that is not a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw failure("answered something that is not JSON");
    }
  }

  /** The message of an OpenAI-style error body, else the body itself, clipped and without control characters. */
  private static String errorText(String body) {
    try {
      JsonNode node = JSON.readTree(body);
      if (node != null && node.isObject()) {
        return errorText(node);
      }
    } catch (IOException e) {
      // not JSON: the text itself
    }
    return clip(body);
  }

  private static String errorText(JsonNode node) {
    JsonNode error = node.path("error");
    String message = error.isTextual() ? error.asText() : error.path("message").asText(node.path("message")
        .asText(""));
    return clip(message);
  }

  /** A limit as an operator sets it: whole seconds as {@code 10s}, else milliseconds. */
  private static String human(java.time.Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }

  private static String clip(String text) {
    String clean = text.replaceAll("\\p{Cntrl}", " ").strip();
    return clean.length() > MAX_ERROR_TEXT ? clean.substring(0, MAX_ERROR_TEXT) + "..." : clean;
  }

  /**
   * An answer's body being read, with the idle watchdog that closes it when the upstream stops sending, and a
   * close that cancellation may call from any thread.
   */
  private final class Exchange implements AutoCloseable {
    final AtomicBoolean timedOut = new AtomicBoolean();
    private final AtomicReference<InputStream> stream = new AtomicReference<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private InputStream body;
    private ScheduledFuture<?> idle;

    void attach(InputStream in) {
      body = in;
      stream.set(in);
      if (closed.get()) {
        quietlyClose(in);
      }
    }

    String nextLine(BoundedLines lines) throws IOException {
      arm();
      try {
        return lines.next();
      } finally {
        idle.cancel(false);
      }
    }

    byte[] readAll(long max) throws IOException {
      arm();
      try {
        byte[] bytes = body.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
        if (bytes.length > max) {
          throw failure("answered more than " + max + " bytes, the most the node reads");
        }
        return bytes;
      } finally {
        idle.cancel(false);
      }
    }

    private void arm() {
      idle = watchdog.schedule(() -> {
        timedOut.set(true);
        close();
      }, limits.idle().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
      if (closed.compareAndSet(false, true)) {
        InputStream in = stream.get();
        if (in != null) {
          quietlyClose(in);
        }
      }
    }

    private static void quietlyClose(InputStream in) {
      try {
        in.close();
      } catch (IOException e) {
        // closing is all that is wanted
      }
    }
  }
}
