package ai.hanzo.node.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.api.v1.EmbedRequest;
import ai.hanzo.node.api.v1.EmbedResponse;
import ai.hanzo.node.api.v1.InferenceServiceGrpc;
import ai.hanzo.node.app.IamNodeFixture;
import ai.hanzo.node.models.ModelStore;
import ai.hanzo.node.storage.RoleBindingRecord;
import ai.hanzo.node.testing.CliRun;
import ai.hanzo.node.testing.NodeGroup;
import ai.hanzo.node.testing.NodeProcess;
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
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models across the network, with three real node processes on loopback: B serves the model {@code tiny} and C
 * {@code tiny-c}, A serves none. Each announces its models in its heartbeat and provides {@code model/<name>} in
 * the DHT, so {@code hanzo-node providers model/tiny} asked of A finds B. A request to A with {@code route:
 * network} is answered by B (unary and streamed, the same text as asking B directly at temperature 0) and names
 * B; without the route it stays 404. B and C run IAM: B binds A's peer to the operator role, C binds it to
 * nothing, so C refuses; both audit the forwarded calls with the original caller of A. Embeddings take the same
 * route: A's answer (floats, base64, {@code /v1/embed}, gRPC) is B's own vector within 1e-6, named as B's, and B
 * records the usage.
 */
class ModelNetworkIT {
  private static final long SEED = Long.getLong("hanzo.test.seed", 0x5EEDL);
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TEMPLATE = "{% for m in messages %}[{{ m['role'] }}] {{ m['content'] }}\n{% endfor %}"
      + "{% if add_generation_prompt %}[assistant] {% endif %}";
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void aNodeAnswersForAModelItDoesNotServeThroughANodeThatDoes(@TempDir Path tmp) throws Exception {
    System.out.println("ModelNetworkIT seed " + SEED + " (-Dhanzo.test.seed to replay)");
    Path dirA = tmp.resolve("a");
    Path dirB = tmp.resolve("b");
    Path dirC = tmp.resolve("c");
    String peerA = NodeIdentity.loadOrCreate(dirA).peerId().toString();
    String peerB = NodeIdentity.loadOrCreate(dirB).peerId().toString();
    String peerC = NodeIdentity.loadOrCreate(dirC).peerId().toString();
    Path model = TinyLlama.write(tmp, SEED);
    // B's model carries a chat template, so a chat forwarded as messages is told apart from its flattened transcript.
    Path templated = tmp.resolve("templated.gguf");
    TinyLlama.writer(SEED).string("tokenizer.chat_template", TEMPLATE).write(templated);
    ModelStore.in(dirB, Clock.systemUTC()).add(templated, "tiny");
    ModelStore.in(dirC, Clock.systemUTC()).add(model, "tiny-c");
    IamNodeFixture.withDatabase(dirB, db -> {
      db.roles().putBinding(new RoleBindingRecord("peer:" + peerA, List.of("operator")));
      return null;
    });
    String keyA = IamNodeFixture.createKey(dirA, "operator", "acme", null);
    String adminA = IamNodeFixture.createKey(dirA, "admin", null);
    String keyB = IamNodeFixture.createKey(dirB, "operator", null);
    IamNodeFixture.createKey(dirC, "operator", null);
    String[] common = {"--runtime", "process", "--heartbeat-interval", "1s", "--model-memory-budget", "64MiB",
        "--iam-enabled", "--iam-secret", IamNodeFixture.SECRET};

    try (NodeGroup nodes = new NodeGroup(common)) {
      NodeProcess a = nodes.start(dirA, "--node-id", "node-a");
      int grpcA = a.awaitReady(WAIT).get("grpc");
      String baseA = "http://127.0.0.1:" + a.ports().get("http");
      String bootstrap = "/ip4/127.0.0.1/tcp/" + a.ports().get("p2p") + "/p2p/" + peerA;
      NodeProcess b = nodes.start(dirB, "--node-id", "node-b", "--bootstrap", bootstrap);
      NodeProcess c = nodes.start(dirC, "--node-id", "node-c", "--bootstrap", bootstrap);
      String baseB = "http://127.0.0.1:" + b.awaitReady(WAIT).get("http");
      c.awaitReady(WAIT);

      // The CLI, as an operator runs it, finds B as the provider of model/tiny and C of model/tiny-c.
      await().atMost(WAIT).pollInterval(Duration.ofSeconds(2))
          .until(() -> CliRun.of("providers", "model/tiny", "--endpoint", "127.0.0.1:" + grpcA, "--api-key",
              adminA).out(), out -> out.contains(peerB) && !out.contains(peerC));
      await().atMost(WAIT).pollInterval(Duration.ofSeconds(2))
          .until(() -> CliRun.of("providers", "model/tiny-c", "--endpoint", "127.0.0.1:" + grpcA, "--api-key",
              adminA).out(), out -> out.contains(peerC));

      String request = "{\"model\": \"tiny\", \"prompt\": \"hello world\", \"max_tokens\": 8, \"temperature\": 0";
      JsonNode direct = JSON.readTree(ok(post(baseB, "/v1/completions", keyB, request + "}")).body());
      HttpResponse<String> forwarded = ok(post(baseA, "/v1/completions", keyA,
          request + ", \"route\": \"network\"}"));
      JsonNode viaA = JSON.readTree(forwarded.body());
      assertThat(direct.get("served_by").asText()).isEqualTo("node-b");
      assertThat(forwarded.headers().firstValue("x-hanzo-served-by")).hasValue("node-b");
      assertThat(viaA.get("served_by").asText()).isEqualTo("node-b");
      assertThat(viaA.at("/choices/0/text").asText()).isEqualTo(direct.at("/choices/0/text").asText()).isNotEmpty();
      assertThat(viaA.at("/usage/completion_tokens").asInt()).isEqualTo(8);

      HttpResponse<String> streamed = ok(HttpRequest.newBuilder(URI.create(baseA + "/v1/completions"))
          .timeout(WAIT).header("content-type", "application/json").header("x-api-key", keyA)
          .header("x-hanzo-route", "network")
          .POST(HttpRequest.BodyPublishers.ofString(request + ", \"stream\": true}")).build());
      assertThat(streamed.headers().firstValue("x-hanzo-served-by")).hasValue("node-b");
      List<String> events = events(streamed.body());
      assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
      List<JsonNode> chunks = new ArrayList<>();
      for (String event : events.subList(0, events.size() - 1)) {
        chunks.add(JSON.readTree(event));
      }
      assertThat(chunks.size()).as("one chunk per piece of text, then the closing one").isGreaterThan(2);
      String text = chunks.stream().map(ch -> ch.at("/choices/0/text").asText("")).reduce("", String::concat);
      assertThat(text).isEqualTo(direct.at("/choices/0/text").asText());
      assertThat(chunks.get(chunks.size() - 1).get("served_by").asText()).isEqualTo("node-b");

      // A chat goes to B as messages: B formats it with its model's template, as for a chat asked of B directly.
      String chat = "{\"model\": \"tiny\", \"messages\": [{\"role\": \"system\", \"content\": \"be brief\"},"
          + " {\"role\": \"user\", \"content\": \"hello world\"}], \"max_tokens\": 4, \"temperature\": 0";
      JsonNode chatB = JSON.readTree(ok(post(baseB, "/v1/chat/completions", keyB, chat + "}")).body());
      JsonNode chatViaA = JSON.readTree(ok(post(baseA, "/v1/chat/completions", keyA,
          chat + ", \"route\": \"network\"}")).body());
      assertThat(chatViaA.get("served_by").asText()).isEqualTo("node-b");
      assertThat(chatViaA.at("/usage/prompt_tokens").asInt()).as("the templated prompt's tokens")
          .isEqualTo(chatB.at("/usage/prompt_tokens").asInt());
      assertThat(chatViaA.at("/choices/0/message/content").asText())
          .isEqualTo(chatB.at("/choices/0/message/content").asText());

      // Embeddings: A gets B's own vectors through the network route, as floats, as base64 and over gRPC.
      String embed = "{\"model\": \"tiny\", \"input\": [\"hello world\", \"the network embeds\"]";
      JsonNode embedB = JSON.readTree(ok(post(baseB, "/v1/embeddings", keyB, embed + "}")).body());
      assertThat(embedB.get("served_by").asText()).isEqualTo("node-b");
      HttpResponse<String> embedForwarded = ok(post(baseA, "/v1/embeddings", keyA,
          embed + ", \"route\": \"network\"}"));
      JsonNode embedViaA = JSON.readTree(embedForwarded.body());
      assertThat(embedForwarded.headers().firstValue("x-hanzo-served-by")).hasValue("node-b");
      assertThat(embedViaA.get("served_by").asText()).isEqualTo("node-b");
      assertThat(embedViaA.at("/usage/prompt_tokens").asInt()).isEqualTo(embedB.at("/usage/prompt_tokens").asInt())
          .isPositive();
      for (int i = 0; i < 2; i++) {
        assertSameVector(floats(embedViaA.at("/data/" + i + "/embedding")), floats(embedB.at("/data/" + i
            + "/embedding")));
      }
      HttpResponse<String> base64 = ok(HttpRequest.newBuilder(URI.create(baseA + "/v1/embeddings")).timeout(WAIT)
          .header("content-type", "application/json").header("x-api-key", keyA).header("x-hanzo-route", "network")
          .POST(HttpRequest.BodyPublishers.ofString(embed + ", \"encoding_format\": \"base64\"}")).build());
      JsonNode base64ViaA = JSON.readTree(base64.body());
      assertThat(base64ViaA.get("served_by").asText()).isEqualTo("node-b");
      for (int i = 0; i < 2; i++) {
        assertSameVector(decode(base64ViaA.at("/data/" + i + "/embedding").asText()),
            floats(embedB.at("/data/" + i + "/embedding")));
      }
      JsonNode upstreamViaA = JSON.readTree(ok(post(baseA, "/v1/embed", keyA,
          "{\"model\": \"tiny\", \"input\": \"hello world\", \"route\": \"network\"}")).body());
      assertThat(upstreamViaA.get("served_by").asText()).isEqualTo("node-b");
      assertSameVector(floats(upstreamViaA.at("/data/0/embedding")), floats(embedB.at("/data/0/embedding")));
      InferenceServiceGrpc.InferenceServiceBlockingStub grpc = GrpcClients.builder("http://127.0.0.1:" + grpcA)
          .addHeader("x-api-key", keyA).build(InferenceServiceGrpc.InferenceServiceBlockingStub.class);
      EmbedResponse overGrpc = grpc.embed(EmbedRequest.newBuilder().setModel("tiny").addInput("hello world")
          .setRoute("network").build());
      assertThat(overGrpc.getServedBy()).isEqualTo("node-b");
      float[] grpcVector = new float[overGrpc.getEmbeddings(0).getValuesCount()];
      for (int i = 0; i < grpcVector.length; i++) {
        grpcVector[i] = overGrpc.getEmbeddings(0).getValues(i);
      }
      assertSameVector(grpcVector, floats(embedB.at("/data/0/embedding")));
      // Without the route A does not serve it; a model no node serves is refused with the reason, as a generation.
      assertThat(send(post(baseA, "/v1/embeddings", keyA, embed + "}")).statusCode()).isEqualTo(404);
      HttpResponse<String> embedNowhere = send(post(baseA, "/v1/embeddings", keyA,
          "{\"model\": \"nowhere\", \"input\": \"hi\", \"route\": \"network\"}"));
      assertThat(embedNowhere.statusCode()).as(embedNowhere.body()).isEqualTo(404);
      assertThat(JSON.readTree(embedNowhere.body()).at("/error/message").asText()).contains("'nowhere'")
          .contains("no node on the network provides model/nowhere");
      assertThatThrownBy(() -> grpc.embed(EmbedRequest.newBuilder().setModel("nowhere").addInput("hi")
          .setRoute("network").build())).isInstanceOfSatisfying(StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));

      // Without the network route a model A does not serve stays 404; with it but no provider, 404 saying so.
      assertThat(send(post(baseA, "/v1/completions", keyA, request + "}")).statusCode()).isEqualTo(404);
      HttpResponse<String> nowhere = send(post(baseA, "/v1/completions", keyA,
          "{\"model\": \"nowhere\", \"prompt\": \"hi\", \"route\": \"network\"}"));
      assertThat(nowhere.statusCode()).as(nowhere.body()).isEqualTo(404);
      assertThat(JSON.readTree(nowhere.body()).at("/error/message").asText()).contains("'nowhere'")
          .contains("0 providers tried");
      HttpResponse<String> badRoute = send(post(baseA, "/v1/completions", keyA, request + ", \"route\": \"moon\"}"));
      assertThat(badRoute.statusCode()).isEqualTo(400);

      // C runs IAM and binds nothing to A's peer: the refusal travels back.
      HttpResponse<String> denied = send(post(baseA, "/v1/chat/completions", keyA,
          "{\"model\": \"tiny-c\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"route\": \"network\"}"));
      assertThat(denied.statusCode()).as(denied.body()).isEqualTo(403);
      assertThat(JSON.readTree(denied.body()).at("/error/message").asText()).contains("lacks inference:execute");

      await().atMost(WAIT).until(() -> b.output().contains("forwarded by peer " + peerA));
      nodes.terminateAll(Duration.ofSeconds(30));
      assertThat(forwardedCalls(dirB)).contains("peer:" + peerA + " tiny OK acme");
      assertThat(forwardedCalls(dirC)).containsExactly("peer:" + peerA + " tiny-c DENIED acme");
      // The node that did the work records its usage, for A's caller and org; A, which only forwarded, records none.
      assertThat(usage(dirB)).contains("network tiny acme 8", "completions tiny  8");
      // Embeddings too: four forwarded batches recorded by B (no completion tokens), B's own request as its own.
      assertThat(usage(dirB)).containsOnlyOnce("embeddings tiny  0").filteredOn("network tiny acme 0"::equals)
          .hasSize(4);
      assertThat(usage(dirA)).isEmpty();
    }
  }

  /** The p2p:inference audit entries of a stopped node: principal, model, outcome and the caller's org. */
  private static List<String> forwardedCalls(Path dataDir) {
    return IamNodeFixture.withDatabase(dataDir, db -> db.audit()
        .query(Instant.EPOCH, Instant.now().plusSeconds(60), 1000).stream()
        .filter(e -> e.action().equals("p2p:inference"))
        .peek(e -> assertThat(e.details().get("caller")).startsWith("apikey:"))
        .map(e -> e.principal() + " " + e.resource() + " " + e.outcome() + " " + e.details().get("caller_org"))
        .toList());
  }

  /** The usage records of a stopped node: API, model, org and completion tokens. */
  private static List<String> usage(Path dataDir) {
    return IamNodeFixture.withDatabase(dataDir, db -> db.usage().page(Instant.EPOCH, Instant.now().plusSeconds(60),
        null, 1000).stream().map(e -> e.value())
        .peek(r -> assertThat(r.api().equals("network") ? r.subject() : "apikey:").startsWith("apikey:"))
        .map(r -> r.api() + " " + r.model() + " " + (r.org() == null ? "" : r.org()) + " "
            + r.completionTokens())
        .toList());
  }

  /** The same vector within float rounding (the brief's bar: every component within 1e-6). */
  private static void assertSameVector(float[] actual, float[] expected) {
    assertThat(actual).hasSize(expected.length).hasSize(TinyLlama.EMBEDDING);
    double maxDiff = 0;
    double norm = 0;
    for (int i = 0; i < expected.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(actual[i] - expected[i]));
      norm += (double) actual[i] * actual[i];
    }
    assertThat(maxDiff).isLessThanOrEqualTo(1e-6);
    assertThat(Math.sqrt(norm)).as("L2-normalised").isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
  }

  private static float[] floats(JsonNode list) {
    float[] v = new float[list.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) list.get(i).asDouble();
    }
    return v;
  }

  private static float[] decode(String base64) {
    ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(base64)).order(ByteOrder.LITTLE_ENDIAN);
    float[] v = new float[bytes.remaining() / Float.BYTES];
    bytes.asFloatBuffer().get(v);
    return v;
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

  private HttpResponse<String> ok(HttpRequest request) throws Exception {
    HttpResponse<String> response = send(request);
    assertThat(response.statusCode()).as(request.uri() + ": " + response.body()).isEqualTo(200);
    return response;
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest post(String base, String path, String key, String body) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(WAIT).header("content-type", "application/json")
        .header("x-api-key", key).POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }
}
