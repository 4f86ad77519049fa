package ai.hanzo.node.app;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.models.ModelStore;
import ai.hanzo.node.testing.NodeProcess;
import ai.hanzo.testing.gguf.TinyLlama;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node as a real process serving a tiny llama model (seeded weights, written by the test) from its data
 * directory over HTTP: the upstream {@code /v1/inference} shape, the OpenAI-compatible routes with Server-Sent
 * Event streams, the models in GetHealth, loading and unloading, and bad input.
 */
class ModelServingNodeIT {
  private static final long SEED = Long.getLong("hanzo.test.seed", 0x5EEDL);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @TempDir
  static Path root;
  private static NodeProcess node;
  private static String base;

  @BeforeAll
  static void startANodeWithATinyModel() throws IOException {
    System.out.println("ModelServingNodeIT seed " + SEED + " (-Dhanzo.test.seed to replay)");
    Path dataDir = root.resolve("data");
    ModelStore.in(dataDir, Clock.systemUTC()).add(TinyLlama.write(root, SEED), "tiny");
    node = NodeProcess.start(dataDir, "--model-memory-budget", "64MiB", "--model-queue-depth", "4");
    base = "http://127.0.0.1:" + node.awaitReady(Duration.ofSeconds(90)).get("http");
  }

  @AfterAll
  static void stopTheNode() throws Exception {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void upstreamInferenceIsDeterministicAtTemperatureZeroAndStopsAtMaxTokens() throws Exception {
    String request = "{\"model\": \"tiny\", \"prompt\": \"hello world\", \"max_tokens\": 6, \"temperature\": 0}";

    JsonNode first = ok(post("/v1/inference", request));
    JsonNode second = ok(post("/v1/inference", request));

    assertThat(first.get("id").asText()).startsWith("inf-");
    assertThat(first.get("model").asText()).isEqualTo("tiny");
    assertThat(first.at("/choices/0/index").asInt()).isZero();
    assertThat(first.at("/choices/0/text").asText()).isNotEmpty()
        .isEqualTo(second.at("/choices/0/text").asText());
    assertThat(first.at("/choices/0/finish_reason").asText()).isEqualTo("length");
    JsonNode usage = first.get("usage");
    assertThat(usage.get("completion_tokens").asInt()).isEqualTo(6);
    assertThat(usage.get("prompt_tokens").asInt()).isPositive();
    assertThat(usage.get("total_tokens").asInt())
        .isEqualTo(usage.get("prompt_tokens").asInt() + usage.get("completion_tokens").asInt());
    // loaded on demand, and GetHealth says so
    assertThat(ok(get("/health")).get("models")).extracting(JsonNode::asText).contains("tiny");
  }

  @Test
  void aStopSequenceEndsTheTextBeforeIt() throws Exception {
    String stream = "{\"model\": \"tiny\", \"prompt\": \"hello world\", \"max_tokens\": 30, \"temperature\": 0,"
        + " \"stream\": true}";
    List<String> pieces = new ArrayList<>();
    for (String event : dataEvents(post("/v1/inference", stream))) {
      if (!event.equals("[DONE]")) {
        pieces.add(JSON.readTree(event).at("/choices/0/text").asText());
      }
    }
    String full = String.join("", pieces);
    List<String> nonEmpty = pieces.stream().filter(p -> !p.isBlank()).toList();
    String stop = nonEmpty.get(nonEmpty.size() / 2);

    JsonNode stopped = ok(post("/v1/inference", "{\"model\": \"tiny\", \"prompt\": \"hello world\","
        + " \"max_tokens\": 30, \"temperature\": 0, \"stop\": " + JSON.writeValueAsString(stop) + "}"));

    assertThat(stopped.at("/choices/0/text").asText()).isEqualTo(full.substring(0, full.indexOf(stop)));
    assertThat(stopped.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
  }

  @Test
  void chatCompletionsStreamAsServerSentEventsEndingWithDone() throws Exception {
    String request = "{\"model\": \"tiny\", \"messages\": [{\"role\": \"system\", \"content\": \"be brief\"},"
        + " {\"role\": \"user\", \"content\": \"hello\"}], \"max_tokens\": 8, \"temperature\": 0";

    JsonNode whole = ok(post("/v1/chat/completions", request + "}"));
    HttpResponse<String> streamed = send(post("/v1/chat/completions", request + ", \"stream\": true}"));

    assertThat(whole.get("object").asText()).isEqualTo("chat.completion");
    assertThat(whole.get("id").asText()).startsWith("chatcmpl-");
    assertThat(whole.at("/choices/0/message/role").asText()).isEqualTo("assistant");
    assertThat(whole.at("/choices/0/finish_reason").asText()).isEqualTo("length");
    assertThat(streamed.statusCode()).isEqualTo(200);
    assertThat(streamed.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
    List<String> events = events(streamed.body());
    assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
    List<JsonNode> chunks = new ArrayList<>();
    for (String event : events.subList(0, events.size() - 1)) {
      chunks.add(JSON.readTree(event));
    }
    assertThat(chunks).allSatisfy(c -> assertThat(c.get("object").asText()).isEqualTo("chat.completion.chunk"));
    assertThat(chunks.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
    assertThat(chunks.get(chunks.size() - 1).at("/choices/0/finish_reason").asText()).isEqualTo("length");
    String content = chunks.stream().map(c -> c.at("/choices/0/delta/content").asText("")).reduce("", String::concat);
    assertThat(content).isEqualTo(whole.at("/choices/0/message/content").asText());
  }

  @Test
  void modelsAreListedInOpenAisShape() throws Exception {
    JsonNode list = ok(get("/v1/models"));

    assertThat(list.get("object").asText()).isEqualTo("list");
    assertThat(list.get("data")).singleElement().satisfies(m -> {
      assertThat(m.get("id").asText()).isEqualTo("tiny");
      assertThat(m.get("object").asText()).isEqualTo("model");
      assertThat(m.get("owned_by").asText()).isEqualTo("hanzo-node");
      assertThat(m.get("created").asLong()).isPositive();
    });
    assertThat(ok(get("/v1/models/tiny")).get("id").asText()).isEqualTo("tiny");
  }

  @Test
  void anUnknownModelIs404NamingItInEachShape() throws Exception {
    HttpResponse<String> openAi = send(post("/v1/chat/completions",
        "{\"model\": \"no-such-model\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}"));
    HttpResponse<String> upstream = send(post("/v1/inference", "{\"model\": \"no-such-model\", \"prompt\": \"hi\"}"));

    assertThat(openAi.statusCode()).isEqualTo(404);
    JsonNode error = JSON.readTree(openAi.body()).get("error");
    assertThat(error.get("message").asText()).contains("'no-such-model'");
    assertThat(error.get("code").asText()).isEqualTo("model_not_found");
    assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
    assertThat(upstream.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(upstream.body()).get("code").asText()).isEqualTo("NOT_FOUND");
    assertThat(JSON.readTree(upstream.body()).get("message").asText()).contains("'no-such-model'");
    assertThat(send(get("/v1/models/no-such-model")).statusCode()).isEqualTo(404);
  }

  @Test
  void badInputGetsAClearErrorAndTheNodeKeepsServing() throws Exception {
    assertError(post("/v1/chat/completions", "{not json"), 400, null);
    assertError(post("/v1/completions", "{\"model\": \"tiny\", \"prompt\": \"hi\", \"max_tokens\": -1}"), 400,
        "max_tokens");
    assertError(post("/v1/completions", "{\"model\": \"tiny\", \"prompt\": \"hi\", \"max_tokens\": 1000000000}"),
        400, "max_tokens");
    assertError(post("/v1/completions", "{\"model\": \"tiny\", \"prompt\": \"hi\", \"n\": 2}"), 400, "n");
    assertError(post("/v1/completions", "{\"model\": \"tiny\", \"prompt\": \"" + "a".repeat(300_000) + "\"}"), 400,
        "prompt");
    assertError(post("/v1/completions", "{\"model\": \"tiny\", \"prompt\": \"hi\", \"temperature\": \"hot\"}"), 400,
        "temperature");
    HttpResponse<String> beyondContext = send(post("/v1/completions",
        "{\"model\": \"tiny\", \"prompt\": \"" + "hello world ".repeat(TinyLlama.CONTEXT) + "\"}"));
    assertThat(beyondContext.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(beyondContext.body()).at("/error/code").asText()).isEqualTo("context_length_exceeded");
    HttpResponse<String> plainText = send(HttpRequest.newBuilder(URI.create(base + "/v1/completions"))
        .header("content-type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
    assertThat(plainText.statusCode()).isEqualTo(415);
    HttpResponse<String> foreignOrigin = send(HttpRequest.newBuilder(URI.create(base + "/v1/inference"))
        .header("content-type", "application/json").header("origin", "https://evil.example")
        .POST(HttpRequest.BodyPublishers.ofString("{\"model\": \"tiny\", \"prompt\": \"hi\"}")).build());
    assertThat(foreignOrigin.statusCode()).isEqualTo(403);

    assertThat(ok(post("/v1/inference", "{\"model\": \"tiny\", \"prompt\": \"hi\", \"max_tokens\": 2}"))
        .at("/usage/completion_tokens").asInt()).isEqualTo(2);
  }

  @Test
  void embeddingsAreAnsweredByTheNodeProcess() throws Exception {
    JsonNode upstream = ok(post("/v1/embed", "{\"model\": \"tiny\", \"input\": [\"a\", \"b\"]}"));
    JsonNode openAi = ok(post("/v1/embeddings", "{\"model\": \"tiny\", \"input\": \"a\"}"));

    assertThat(upstream.get("data")).hasSize(2);
    assertThat(upstream.at("/data/0/embedding")).hasSize(TinyLlama.EMBEDDING)
        .isEqualTo(openAi.at("/data/0/embedding"));
    assertThat(send(post("/v1/embed", "{\"model\": \"nope\", \"input\": \"a\"}")).statusCode()).isEqualTo(404);
  }

  @Test
  void aModelIsUnloadedAndLoadedOnRequest() throws Exception {
    ok(post("/v1/models/tiny/load", ""));
    assertThat(ok(get("/health")).get("models")).extracting(JsonNode::asText).contains("tiny");

    JsonNode unloaded = ok(post("/v1/models/tiny/unload", ""));

    assertThat(unloaded.get("unloaded").asBoolean()).isTrue();
    assertThat(ok(get("/health")).get("models")).extracting(JsonNode::asText).doesNotContain("tiny");
    JsonNode loaded = ok(post("/v1/models/tiny/load", ""));
    assertThat(loaded.get("context_length").asInt()).isEqualTo(TinyLlama.CONTEXT);
    assertThat(ok(get("/v1/models/tiny")).get("loaded").asBoolean()).isTrue();
  }

  private static void assertError(HttpRequest request, int status, String param) throws Exception {
    HttpResponse<String> response = send(request);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode error = JSON.readTree(response.body()).get("error");
    assertThat(error.get("message").asText()).isNotBlank();
    if (param != null) {
      assertThat(error.get("param").asText()).isEqualTo(param);
    }
  }

  private static List<String> dataEvents(HttpRequest request) throws Exception {
    HttpResponse<String> response = send(request);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return events(response.body());
  }

  private static List<String> events(String body) {
    List<String> data = new ArrayList<>();
    for (String block : body.split("\n\n")) {
      if (block.startsWith("data: ")) {
        data.add(block.substring("data: ".length()));
      }
    }
    return data;
  }

  private static JsonNode ok(HttpRequest request) throws Exception {
    HttpResponse<String> response = send(request);
    assertThat(response.statusCode()).as(request.uri() + ": " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static HttpResponse<String> send(HttpRequest request) throws Exception {
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest get(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(90)).GET().build();
  }

  private static HttpRequest post(String path, String body) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(90))
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }
}
