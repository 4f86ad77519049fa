package ai.hanzo.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.api.v1.EmbedRequest;
import ai.hanzo.node.api.v1.EmbedResponse;
import ai.hanzo.node.api.v1.InferenceServiceGrpc;
import ai.hanzo.node.api.v1.NodeAdminServiceGrpc;
import ai.hanzo.node.api.v1.QueryUsageRequest;
import ai.hanzo.node.api.v1.UsageEntry;
import ai.hanzo.node.inference.ModelUse;
import ai.hanzo.node.inference.serving.ServedModel;
import ai.hanzo.testing.gguf.TinyLlama;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.client.grpc.GrpcClients;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Embeddings over the real llama.cpp engine and a tiny generated model, in process: a vector has the model's
 * embedding length, length 1, and is the same for the same text and different for another; the three routes
 * ({@code /v1/embed}, OpenAI's {@code /v1/embeddings} as floats and as base64, gRPC {@code Embed}) answer the same
 * vector; the model gets an embedding context of its own beside the generation one; a full queue is 429 with
 * Retry-After; bad input names its field; and every batch is in the usage records with its prompt tokens.
 */
class EmbeddingsIT extends WithTinyModelApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final double TOLERANCE = 1e-5;

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void aVectorHasTheModelsLengthIsNormalisedDeterministicAndTellsTextsApart() throws Exception {
    JsonNode first = ok(post("/v1/embeddings", "{\"model\": \"tiny\", \"input\": [\"hello world\","
        + " \"the node runs fast\", \"hello world\"]}"));
    JsonNode again = ok(post("/v1/embeddings", "{\"model\": \"tiny\", \"input\": \"hello world\"}"));

    assertThat(first.get("object").asText()).isEqualTo("list");
    assertThat(first.get("model").asText()).isEqualTo("tiny");
    assertThat(first.get("data")).hasSize(3);
    List<float[]> vectors = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      JsonNode item = first.get("data").get(i);
      assertThat(item.get("object").asText()).isEqualTo("embedding");
      assertThat(item.get("index").asInt()).isEqualTo(i);
      float[] v = floats(item.get("embedding"));
      assertThat(v).hasSize(TinyLlama.EMBEDDING);
      assertThat(norm(v)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(TOLERANCE));
      vectors.add(v);
    }
    assertThat(vectors.get(2)).as("the same text in one batch").containsExactly(vectors.get(0));
    assertThat(floats(again.at("/data/0/embedding"))).as("the same text in another request")
        .containsExactly(vectors.get(0));
    assertThat(dot(vectors.get(0), vectors.get(1))).as("cosine of two different texts").isLessThan(0.999);
    int tokens = tokens("hello world") * 2 + tokens("the node runs fast");
    assertThat(first.at("/usage/prompt_tokens").asInt()).isEqualTo(tokens);
    assertThat(first.at("/usage/total_tokens").asInt()).isEqualTo(tokens);
  }

  @Test
  void theThreeRoutesAnswerTheSameVector() throws Exception {
    String input = "Hanzo compute: 1, 2, 3.";
    JsonNode upstream = ok(post("/v1/embed", "{\"model\": \"tiny\", \"input\": " + JSON.writeValueAsString(input)
        + "}"));
    JsonNode openAi = ok(post("/v1/embeddings", "{\"model\": \"tiny\", \"input\": [" + JSON.writeValueAsString(input)
        + "], \"encoding_format\": \"float\"}"));
    JsonNode base64 = ok(post("/v1/embeddings", "{\"model\": \"tiny\", \"input\": " + JSON.writeValueAsString(input)
        + ", \"encoding_format\": \"base64\"}"));
    EmbedResponse grpc = inference().embed(EmbedRequest.newBuilder().setModel("tiny").addInput(input).build());

    float[] expected = floats(upstream.at("/data/0/embedding"));
    assertThat(upstream.has("object")).as("the upstream shape has no OpenAI fields").isFalse();
    assertThat(floats(openAi.at("/data/0/embedding"))).containsExactly(expected);
    assertThat(decode(base64.at("/data/0/embedding").asText())).containsExactly(expected);
    float[] overGrpc = new float[grpc.getEmbeddings(0).getValuesCount()];
    for (int i = 0; i < overGrpc.length; i++) {
      overGrpc[i] = grpc.getEmbeddings(0).getValues(i);
    }
    assertThat(overGrpc).containsExactly(expected);
    assertThat(grpc.getModel()).isEqualTo("tiny");
    assertThat(grpc.getPromptTokens()).isEqualTo(upstream.at("/usage/prompt_tokens").asInt()).isPositive();

    List<UsageEntry> usage = admin().queryUsage(QueryUsageRequest.getDefaultInstance()).getRecordsList();
    assertThat(usage).extracting(UsageEntry::getApi).containsExactlyInAnyOrder("embed", "embeddings", "embeddings",
        "grpc");
    assertThat(usage).allSatisfy(u -> {
      assertThat(u.getModel()).isEqualTo("tiny");
      assertThat(u.getPromptTokens()).isEqualTo(grpc.getPromptTokens());
      assertThat(u.getCompletionTokens()).isZero();
      assertThat(u.getFinishReason()).isEqualTo("stop");
    });
  }

  @Test
  void embeddingsGetAContextOfTheirOwnBesideGeneration() throws Exception {
    ok(post("/v1/completions", "{\"model\": \"tiny\", \"prompt\": \"hello\", \"max_tokens\": 2}"));
    ok(post("/v1/embed", "{\"model\": \"tiny\", \"input\": \"hello\"}"));

    assertThat(models.loaded()).extracting(ServedModel::use)
        .containsExactlyInAnyOrder(ModelUse.GENERATION, ModelUse.EMBEDDINGS);
    assertThat(models.loadedNames()).containsExactly("tiny");
    assertThat(models.usedBytes()).isEqualTo(models.loaded().stream().mapToLong(ServedModel::memoryBytes).sum());

    ok(post("/v1/models/tiny/unload", ""));
    assertThat(models.loaded()).isEmpty();
    assertThat(models.usedBytes()).isZero();
  }

  @Test
  void aFullQueueAnswers429WithRetryAfterAndTheOthersFinish() throws Exception {
    ok(post("/v1/embed", "{\"model\": \"tiny\", \"input\": \"warm up\"}"));
    engine.closeGate();
    String request = "{\"model\": \"tiny\", \"input\": [\"hello\", \"world\"]}";
    CompletableFuture<HttpResponse<String>> running = http.sendAsync(post("/v1/embeddings", request),
        HttpResponse.BodyHandlers.ofString());
    assertThat(engine.awaitWaiting()).isTrue();
    CompletableFuture<HttpResponse<String>> queued = http.sendAsync(post("/v1/embeddings", request),
        HttpResponse.BodyHandlers.ofString());
    await().atMost(Duration.ofSeconds(30)).until(() -> models.loaded().get(0).pending() == 2);

    HttpResponse<String> refused = http.send(post("/v1/embeddings", request), HttpResponse.BodyHandlers.ofString());

    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("retry-after")).hasValue("1");
    assertThat(JSON.readTree(refused.body()).at("/error/type").asText()).isEqualTo("rate_limit_error");
    engine.openGate();
    assertThat(running.get().statusCode()).isEqualTo(200);
    assertThat(queued.get().statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(queued.get().body()).at("/data/1/embedding")).hasSize(TinyLlama.EMBEDDING);
    List<UsageEntry> usage = admin().queryUsage(QueryUsageRequest.getDefaultInstance()).getRecordsList();
    assertThat(usage).extracting(UsageEntry::getFinishReason).containsExactlyInAnyOrder("stop", "stop", "stop",
        "rejected");
  }

  @Test
  void badInputNamesItsField() throws Exception {
    String tooLong = JSON.writeValueAsString("hello world ".repeat(TinyLlama.CONTEXT));
    HttpResponse<String> beyond = send(post("/v1/embeddings", "{\"model\": \"tiny\", \"input\": [\"fine\", "
        + tooLong + "]}"));
    assertThat(beyond.statusCode()).isEqualTo(400);
    JsonNode error = JSON.readTree(beyond.body()).get("error");
    assertThat(error.get("param").asText()).isEqualTo("input[1]");
    assertThat(error.get("code").asText()).isEqualTo("context_length_exceeded");
    assertThat(error.get("message").asText()).contains("input[1]").contains(Integer.toString(TinyLlama.CONTEXT));

    StringBuilder many = new StringBuilder("[");
    for (int i = 0; i < 257; i++) {
      many.append(i == 0 ? "" : ", ").append("\"x\"");
    }
    assertBadField(post("/v1/embeddings", "{\"model\": \"tiny\", \"input\": " + many + "]}"), "input");
    assertBadField(post("/v1/embeddings", "{\"model\": \"tiny\", \"input\": []}"), "input");
    assertBadField(post("/v1/embeddings", "{\"model\": \"tiny\", \"input\": [\"a\", 3]}"), "input[1]");
    assertBadField(post("/v1/embeddings", "{\"model\": \"tiny\", \"input\": \"a\", \"encoding_format\": \"hex\"}"),
        "encoding_format");
    assertBadField(post("/v1/embeddings", "{\"model\": \"tiny\", \"input\": \"a\", \"dimensions\": 8}"),
        "dimensions");
    assertThat(send(post("/v1/embeddings", "{\"model\": \"nope\", \"input\": \"a\"}")).statusCode()).isEqualTo(404);
    assertGrpcStatus(EmbedRequest.newBuilder().setModel("tiny").addInput("fine").addInput(
        "hello world ".repeat(TinyLlama.CONTEXT)).build(), Status.Code.INVALID_ARGUMENT, "input[1]");
    assertGrpcStatus(EmbedRequest.newBuilder().setModel("nope").addInput("a").build(), Status.Code.NOT_FOUND,
        "'nope'");

    assertThat(ok(post("/v1/embed", "{\"model\": \"tiny\", \"input\": [\"still serving\"]}")).at("/data/0/embedding"))
        .hasSize(TinyLlama.EMBEDDING);
  }

  /**
   * The tokens llama.cpp decodes to embed {@code text}: its tokens (as a completion's usage counts them, without
   * the beginning-of-text token) and the beginning-of-text token.
   */
  private int tokens(String text) throws Exception {
    return ok(post("/v1/completions", "{\"model\": \"tiny\", \"prompt\": " + JSON.writeValueAsString(text)
        + ", \"max_tokens\": 1}")).at("/usage/prompt_tokens").asInt() + 1;
  }

  private void assertBadField(HttpRequest request, String param) throws Exception {
    HttpResponse<String> response = send(request);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).at("/error/param").asText()).isEqualTo(param);
  }

  private void assertGrpcStatus(EmbedRequest request, Status.Code code, String message) {
    try {
      inference().embed(request);
      throw new AssertionError("expected " + code);
    } catch (StatusRuntimeException e) {
      assertThat(e.getStatus().getCode()).isEqualTo(code);
      assertThat(e.getStatus().getDescription()).contains(message);
    }
  }

  private static float[] floats(JsonNode list) {
    float[] values = new float[list.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) list.get(i).asDouble();
    }
    return values;
  }

  private static float[] decode(String base64) {
    ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(base64)).order(ByteOrder.LITTLE_ENDIAN);
    float[] values = new float[bytes.remaining() / Float.BYTES];
    bytes.asFloatBuffer().get(values);
    return values;
  }

  private static double norm(float[] v) {
    return Math.sqrt(dot(v, v));
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (double) a[i] * b[i];
    }
    return sum;
  }

  private JsonNode ok(HttpRequest request) throws Exception {
    HttpResponse<String> response = send(request);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest post(String path, String body) {
    return HttpRequest.newBuilder(URI.create(api.httpUri() + path)).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  private InferenceServiceGrpc.InferenceServiceBlockingStub inference() {
    return GrpcClients.builder(api.grpcUri()).build(InferenceServiceGrpc.InferenceServiceBlockingStub.class);
  }

  private NodeAdminServiceGrpc.NodeAdminServiceBlockingStub admin() {
    return GrpcClients.builder(api.grpcUri()).build(NodeAdminServiceGrpc.NodeAdminServiceBlockingStub.class);
  }
}
