package ai.hanzo.bench.inference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.Stream;

/** {@code POST /v1/completions} of a running node, greedy, timed from the client's side. */
final class NodeCompletions {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private final String base;
  private final String model;

  NodeCompletions(int httpPort, String model) {
    this.base = "http://127.0.0.1:" + httpPort;
    this.model = model;
  }

  /** A non-streamed completion: its answer's token counts and how long it took. */
  record Unary(long nanos, int promptTokens, int completionTokens) {}

  /** A streamed completion: when it was sent, when its first and last piece of text came, how many pieces. */
  record Streamed(long startNanos, long firstNanos, long lastNanos, long endNanos, int chunks) {
    long firstTokenNanos() {
      return firstNanos - startNanos;
    }
  }

  Unary unary(String prompt, int maxTokens) throws IOException, InterruptedException {
    long start = System.nanoTime();
    JsonNode answer = send("/v1/completions", body(prompt, maxTokens, false));
    return new Unary(System.nanoTime() - start, answer.at("/usage/prompt_tokens").asInt(),
        answer.at("/usage/completion_tokens").asInt());
  }

  Streamed streamed(String prompt, int maxTokens) {
    long start = System.nanoTime();
    try {
      HttpResponse<Stream<String>> response = HTTP.send(request("/v1/completions", body(prompt, maxTokens, true)),
          HttpResponse.BodyHandlers.ofLines());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("streamed completion answered " + response.statusCode());
      }
      long first = 0;
      long last = 0;
      int chunks = 0;
      for (String line : (Iterable<String>) response.body()::iterator) {
        if (!line.startsWith("data: ") || line.equals("data: [DONE]")) {
          continue;
        }
        if (!JSON.readTree(line.substring(6)).at("/choices/0/text").asText("").isEmpty()) {
          last = System.nanoTime();
          first = first == 0 ? last : first;
          chunks++;
        }
      }
      return new Streamed(start, first, last, System.nanoTime(), chunks);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Loads the model now (not at the first request), so that its memory can be measured. */
  void load() throws IOException, InterruptedException {
    send("/v1/models/" + model + "/load", "{}");
  }

  private String body(String prompt, int maxTokens, boolean stream) throws IOException {
    // greedy, no penalties: what node-llama-cpp is asked for; top_p is moot at temperature 0
    return JSON.createObjectNode().put("model", model).put("prompt", prompt).put("temperature", 0)
        .put("max_tokens", maxTokens).put("stream", stream).toString();
  }

  private JsonNode send(String path, String body) throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(request(path, body), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  private HttpRequest request(String path, String body) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(10))
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }
}
