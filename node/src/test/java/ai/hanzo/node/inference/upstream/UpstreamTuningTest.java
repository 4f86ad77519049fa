package ai.hanzo.node.inference.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.inference.Cancellation;
import ai.hanzo.node.inference.Embeddings;
import ai.hanzo.node.inference.GenerationParams;
import ai.hanzo.node.inference.LoadedModel;
import ai.hanzo.node.inference.ModelUse;
import ai.hanzo.node.models.UpstreamTarget;
import ai.hanzo.node.models.UpstreamTuning;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an upstream model's tuning and the engine's rules do, against a loopback server that answers like an
 * OpenAI-compatible one (the real upstream, another node, is in UpstreamModelIT): per-model timeouts, the context
 * length asked from {@code GET /models} or configured, a context overflow refused as the node's own
 * {@code context_length_exceeded}, embeddings L2-normalised like local ones, and a rotated key file used at once.
 */
class UpstreamTuningTest {
  private static final GenerationParams GREEDY = new GenerationParams(8, 0, 1, List.of(), 1);
  /** The engine's own limits are long, so a test that ends quickly shows the model's tuning applied. */
  private static final Duration LONG = Duration.ofSeconds(30);

  @TempDir Path dir;
  private HttpServer server;
  private UpstreamEngine engine;
  private final CountDownLatch released = new CountDownLatch(1);
  private final List<String> authorizations = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/ok/v1/models", ex -> send(ex, 200, "{\"object\":\"list\",\"data\":[{\"id\":\"other\","
        + "\"max_model_len\":77},{\"id\":\"m\",\"object\":\"model\",\"max_model_len\":4096}]}"));
    server.createContext("/llama/v1/models", ex -> send(ex, 200, "{\"data\":[{\"id\":\"m\",\"meta\":"
        + "{\"n_ctx_train\":2048}}]}"));
    server.createContext("/ok/v1/completions", ex -> {
      authorizations.add(String.valueOf(ex.getRequestHeaders().getFirst("authorization")));
      ex.getRequestBody().readAllBytes();
      send(ex, 200, "data: {\"choices\":[{\"index\":0,\"text\":\"ok\",\"finish_reason\":\"stop\"}]}\n\n"
          + "data: [DONE]\n\n");
    });
    server.createContext("/ok/v1/embeddings", ex -> send(ex, 200, "{\"data\":[{\"index\":0,\"embedding\":[3,4]},"
        + "{\"index\":1,\"embedding\":[0.28,0.96]}],\"usage\":{\"prompt_tokens\":4}}"));
    server.createContext("/long/v1/completions", ex -> send(ex, 400, "{\"error\":{\"message\":\"This model's maximum"
        + " context length is 4096 tokens. However, you requested 5000 tokens.\",\"type\":\"BadRequestError\"}}"));
    server.createContext("/hang/v1/completions", ex -> {
      try {
        released.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ex.close();
    });
    server.start();
    engine = new UpstreamEngine(new UpstreamLimits(LONG, LONG, LONG, 4096, 1 << 20), Map.<String, String>of()::get);
  }

  @AfterEach
  void stop() {
    released.countDown();
    engine.close();
    server.stop(0);
  }

  @Test
  void aModelsOwnHeadersTimeoutApplies() {
    LoadedModel model = model("hang", "", new UpstreamTuning(0, 0, 300, 0, 0));
    long start = System.nanoTime();
    assertThatThrownBy(() -> model.generate("hi", GREEDY, t -> { }, new Cancellation()).get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class).cause().isInstanceOfSatisfying(NodeException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
          assertThat(e.getMessage()).contains("did not answer within 300ms");
        });
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void theContextLengthIsAskedFromTheUpstreamUnlessConfigured() {
    LoadedModel vllm = model("ok", "", UpstreamTuning.DEFAULTS);
    LoadedModel llamaServer = model("llama", "", UpstreamTuning.DEFAULTS);
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> vllm.contextLength() == 4096
        && llamaServer.contextLength() == 2048);
    assertThat(model("ok", "", new UpstreamTuning(0, 0, 0, 0, 1000)).contextLength()).isEqualTo(1000);
    assertThat(model("ok", "", UpstreamTuning.DEFAULTS).maxInFlight()).isEqualTo(UpstreamTuning.DEFAULT_MAX_IN_FLIGHT);
    assertThat(model("ok", "", new UpstreamTuning(3, 0, 0, 0, 0)).maxInFlight()).isEqualTo(3);
  }

  @Test
  void aContextOverflowIsRefusedAsTheNodesOwn() {
    LoadedModel model = model("long", "", new UpstreamTuning(0, 0, 0, 0, 4096));
    assertThatThrownBy(() -> model.generate("hi", GREEDY, t -> { }, new Cancellation()).join()).cause()
        .isInstanceOfSatisfying(NodeException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
          assertThat(e.details()).containsEntry("reason", "context_length_exceeded").containsEntry("field", "prompt");
          assertThat(e.getMessage()).contains("context of model 'up' (4096 tokens)").contains("maximum context length");
        });
  }

  @Test
  void upstreamEmbeddingsAreNormalisedLikeLocalOnes() throws Exception {
    Embeddings e = model("ok", "", UpstreamTuning.DEFAULTS).embed(List.of("a", "b"), new Cancellation())
        .get(10, TimeUnit.SECONDS);
    assertThat(e.vectors().get(0)).containsExactly(0.6f, 0.8f);
    // Already of length 1: passed through bit for bit.
    assertThat(e.vectors().get(1)).containsExactly(0.28f, 0.96f);
    assertThat(e.promptTokens()).isEqualTo(4);
  }

  @Test
  void aRotatedKeyFileIsUsedForTheNextRequestWithoutReloading() throws Exception {
    Path key = dir.resolve("key");
    Files.writeString(key, "key-one\n");
    LoadedModel model = model("ok", key.toString(), UpstreamTuning.DEFAULTS);
    model.generate("hi", GREEDY, t -> { }, new Cancellation()).get(10, TimeUnit.SECONDS);
    Path next = dir.resolve("key.next");
    Files.writeString(next, "key-two-rotated\n");
    Files.move(next, key, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption
        .ATOMIC_MOVE);
    model.generate("hi", GREEDY, t -> { }, new Cancellation()).get(10, TimeUnit.SECONDS);
    Files.writeString(key, "key-three\n"); // rewritten in place
    model.generate("hi", GREEDY, t -> { }, new Cancellation()).get(10, TimeUnit.SECONDS);
    assertThat(authorizations).containsExactly("Bearer key-one", "Bearer key-two-rotated", "Bearer key-three");

    Files.delete(key);
    assertThatThrownBy(() -> model.generate("hi", GREEDY, t -> { }, new Cancellation()).join()).cause()
        .isInstanceOfSatisfying(NodeException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
          assertThat(e.getMessage()).contains("API key file").doesNotContain("key-three");
        });
  }

  @Test
  void tuningOutOfBoundsIsRefusedNamingTheField() {
    assertThatThrownBy(() -> new UpstreamTuning(257, 0, 0, 0, 0)).hasMessageContaining("max_in_flight");
    assertThatThrownBy(() -> new UpstreamTuning(-1, 0, 0, 0, 0)).hasMessageContaining("max_in_flight");
    assertThatThrownBy(() -> new UpstreamTuning(0, 50, 0, 0, 0)).hasMessageContaining("connect_timeout_ms");
    assertThatThrownBy(() -> new UpstreamTuning(0, 0, 3_600_001, 0, 0)).hasMessageContaining("headers_timeout_ms");
    assertThatThrownBy(() -> new UpstreamTuning(0, 0, 0, 99, 0)).hasMessageContaining("idle_timeout_ms");
    assertThatThrownBy(() -> new UpstreamTuning(0, 0, 0, 0, -1)).hasMessageContaining("context_length");
    assertThat(new UpstreamTarget("http://x/v1", "m", "", "").tuning()).isEqualTo(UpstreamTuning.DEFAULTS);
  }

  private LoadedModel model(String path, String keyFile, UpstreamTuning tuning) {
    String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/" + path + "/v1";
    return engine.connect("up", new UpstreamTarget(base, "m", keyFile, "", tuning), ModelUse.GENERATION);
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("content-type", status == 200 && body.startsWith("data:") ? "text/event-stream"
        : "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }
}
