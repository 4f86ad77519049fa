package ai.hanzo.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.inference.FinishReason;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The inference routes in process over the real llama.cpp engine, with a gate in front of the model's text
 * ({@link GatedEngine}) so a generation can be held running: a full queue answers 429 with Retry-After, and a
 * client that disconnects from its stream stops its generation.
 */
class InferenceHttpIT extends WithTinyModelApi {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Override
  boolean withDatabase() {
    return false;
  }

  @Test
  void aFullQueueAnswers429WithRetryAfterAndTheOthersFinish() throws Exception {
    engine.closeGate();
    CompletableFuture<HttpResponse<String>> running = http.sendAsync(post("/v1/completions",
        "{\"model\": \"tiny\", \"prompt\": \"hello\", \"max_tokens\": 3, \"temperature\": 0}"),
        HttpResponse.BodyHandlers.ofString());
    assertThat(engine.awaitWaiting()).isTrue();
    CompletableFuture<HttpResponse<String>> queued = http.sendAsync(post("/v1/completions",
        "{\"model\": \"tiny\", \"prompt\": \"hello\", \"max_tokens\": 3, \"temperature\": 0}"),
        HttpResponse.BodyHandlers.ofString());
    await().atMost(Duration.ofSeconds(30)).until(() -> models.loaded().get(0).pending() == 2);

    HttpResponse<String> refused = http.send(post("/v1/chat/completions",
        "{\"model\": \"tiny\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}"),
        HttpResponse.BodyHandlers.ofString());

    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("retry-after")).hasValue("1");
    JsonNode error = JSON.readTree(refused.body()).get("error");
    assertThat(error.get("type").asText()).isEqualTo("rate_limit_error");
    assertThat(error.get("message").asText()).contains("--model-queue-depth");
    engine.openGate();
    assertThat(running.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    assertThat(queued.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(queued.get().body()).at("/usage/completion_tokens").asInt()).isEqualTo(3);
  }

  @Test
  void aClientThatDisconnectsFromItsStreamStopsItsGeneration() throws Exception {
    engine.closeGate();
    String body = "{\"model\": \"tiny\", \"prompt\": \"hello\", \"max_tokens\": 200, \"temperature\": 0,"
        + " \"stream\": true}";
    try (Socket socket = new Socket("127.0.0.1", api.servers.httpPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(("POST /v1/completions HTTP/1.1\r\nHost: 127.0.0.1:" + api.servers.httpPort()
          + "\r\nContent-Type: application/json\r\nContent-Length: "
          + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
      out.flush();
      // The headers come with the first token (so a failure before it keeps its status), and the gate holds that
      // token: the client leaves while its generation waits there, without having read anything.
      assertThat(engine.awaitWaiting()).isTrue();
    }
    // the client is gone while its generation waits at its first token: the node notices and cancels it
    await().atMost(Duration.ofSeconds(30)).until(() -> engine.cancellations.get(0).isCancelled());

    engine.openGate();

    await().atMost(Duration.ofSeconds(60)).until(() -> !engine.completions.isEmpty());
    assertThat(engine.completions).singleElement().satisfies(c -> {
      assertThat(c.finishReason()).isEqualTo(FinishReason.CANCELLED);
      assertThat(c.completionTokens()).isLessThan(10);
    });
    await().atMost(Duration.ofSeconds(30)).until(() -> models.loaded().get(0).pending() == 0);
  }

  @Test
  void aClientThatDisconnectsBeforeAWholeAnswerStopsItsGeneration() throws Exception {
    engine.closeGate();
    String body = "{\"model\": \"tiny\", \"prompt\": \"hello\", \"max_tokens\": 200, \"temperature\": 0}";
    try (Socket socket = new Socket("127.0.0.1", api.servers.httpPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(("POST /v1/inference HTTP/1.1\r\nHost: 127.0.0.1:" + api.servers.httpPort()
          + "\r\nContent-Type: application/json\r\nContent-Length: "
          + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
      out.flush();
      assertThat(engine.awaitWaiting()).isTrue();
    }

    await().atMost(Duration.ofSeconds(30)).until(() -> engine.cancellations.get(0).isCancelled());
    engine.openGate();

    await().atMost(Duration.ofSeconds(60)).until(() -> !engine.completions.isEmpty());
    assertThat(engine.completions.get(0).finishReason()).isEqualTo(FinishReason.CANCELLED);
    assertThat(engine.completions.get(0).completionTokens()).isLessThan(10);
  }

  @Test
  void aStreamCarriesTheSameTextAsTheWholeAnswerAndEndsWithDone() throws Exception {
    String request = "{\"model\": \"tiny\", \"prompt\": \"hello world\", \"max_tokens\": 8, \"temperature\": 0";

    HttpResponse<String> whole = http.send(post("/v1/completions", request + "}"),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> stream = http.send(post("/v1/completions",
        request + ", \"stream\": true, \"stream_options\": {\"include_usage\": true}}"),
        HttpResponse.BodyHandlers.ofString());

    assertThat(whole.statusCode()).isEqualTo(200);
    JsonNode answer = JSON.readTree(whole.body());
    assertThat(answer.get("object").asText()).isEqualTo("text_completion");
    assertThat(answer.at("/choices/0/finish_reason").asText()).isEqualTo("length");
    assertThat(stream.statusCode()).isEqualTo(200);
    assertThat(stream.headers().firstValue("content-type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("text/event-stream"));
    List<String> data = events(stream.body());
    assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
    StringBuilder text = new StringBuilder();
    JsonNode last = null;
    for (String chunk : data.subList(0, data.size() - 1)) {
      last = JSON.readTree(chunk);
      text.append(last.at("/choices/0/text").asText());
    }
    assertThat(text.toString()).isEqualTo(answer.at("/choices/0/text").asText());
    assertThat(last.at("/choices/0/finish_reason").asText()).isEqualTo("length");
    assertThat(last.at("/usage/completion_tokens").asInt()).isEqualTo(8);
  }

  static List<String> events(String body) {
    List<String> data = new ArrayList<>();
    for (String block : body.split("\n\n")) {
      if (block.startsWith("data: ")) {
        data.add(block.substring("data: ".length()));
      }
    }
    return data;
  }

  @Test
  void theModelVerbsHaveHttpMirrors() throws Exception {
    HttpResponse<String> inspected = http.send(HttpRequest.newBuilder(URI.create(api.httpUri()
        + "/v1/models/tiny/inspect")).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(inspected.statusCode()).as(inspected.body()).isEqualTo(200);
    JsonNode details = JSON.readTree(inspected.body());
    assertThat(details.get("name").asText()).isEqualTo("tiny");
    assertThat(details.get("architecture").asText()).isEqualTo("llama");
    assertThat(details.get("embeddingLength").asInt()).isEqualTo(ai.hanzo.testing.gguf.TinyLlama.EMBEDDING);
    assertThat(details.get("loaded").asBoolean()).isFalse();

    HttpResponse<String> noReference = http.send(post("/v1/models/pull", "{}"), HttpResponse.BodyHandlers.ofString());
    assertThat(noReference.statusCode()).isEqualTo(400);
    assertThat(noReference.body()).contains("reference");

    http.send(post("/v1/models/tiny/load", ""), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> removed = http.send(HttpRequest.newBuilder(URI.create(api.httpUri() + "/v1/models/tiny"))
        .DELETE().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
    assertThat(JSON.readTree(removed.body()).get("wasLoaded").asBoolean()).isTrue();
    assertThat(models.loaded()).isEmpty();
    assertThat(http.send(HttpRequest.newBuilder(URI.create(api.httpUri() + "/v1/models/tiny/inspect")).GET()
        .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
    assertThat(http.send(HttpRequest.newBuilder(URI.create(api.httpUri() + "/v1/models/tiny")).DELETE().build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
  }

  private HttpRequest post(String path, String body) {
    return HttpRequest.newBuilder(URI.create(api.httpUri() + path)).timeout(Duration.ofSeconds(90))
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }
}
