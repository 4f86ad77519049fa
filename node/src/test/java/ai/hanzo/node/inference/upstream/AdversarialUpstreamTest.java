package ai.hanzo.node.inference.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.inference.Cancellation;
import ai.hanzo.node.inference.ChatGenerator;
import ai.hanzo.node.inference.ChatMessage;
import ai.hanzo.node.inference.Completion;
import ai.hanzo.node.inference.FinishReason;
import ai.hanzo.node.inference.GenerationParams;
import ai.hanzo.node.inference.LoadedModel;
import ai.hanzo.node.inference.ModelUse;
import ai.hanzo.node.models.UpstreamTarget;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upstream engine against servers that misbehave (the adversaries; the real upstream, another node, is in
 * UpstreamModelIT): one that never answers, answers garbage, breaks off its stream, stops sending mid-stream,
 * refuses, or needs a key. Each ends the request with a clear UNAVAILABLE (or the refusal it means) within the
 * engine's short test limits; a cancelled request closes the upstream's connection.
 */
class AdversarialUpstreamTest {
  private static final Duration SHORT = Duration.ofMillis(800);
  private static final GenerationParams GREEDY = new GenerationParams(8, 0, 1, List.of(), 1);

  @TempDir Path dir;
  private HttpServer server;
  private UpstreamEngine engine;
  private final CountDownLatch released = new CountDownLatch(1);
  private final CountDownLatch clientLeft = new CountDownLatch(1);
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private final List<String> bodies = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/hang/", ex -> {
      await();
      ex.close();
    });
    server.createContext("/garbage/", ex -> send(ex, 200, "text/event-stream", "data: this is not json\n\n"));
    server.createContext("/html/", ex -> send(ex, 502, "text/html", "<html>bad gateway \u0007</html>"));
    server.createContext("/refuse/", ex -> send(ex, 400, "application/json",
        "{\"error\":{\"message\":\"prompt too long\"}}"));
    server.createContext("/drop/", ex -> {
      ex.sendResponseHeaders(200, 0);
      ex.getResponseBody().write(chunk("Hel").getBytes(StandardCharsets.UTF_8));
      ex.getResponseBody().flush();
      ex.close(); // ends the body without [DONE] or a finish reason
    });
    server.createContext("/stall/", ex -> {
      ex.getResponseHeaders().add("content-type", "text/event-stream");
      ex.sendResponseHeaders(200, 0);
      OutputStream out = ex.getResponseBody();
      out.write(chunk("Hel").getBytes(StandardCharsets.UTF_8));
      out.flush();
      // Then nothing: the node must give up (idle limit) or, when its client cancels, close the connection.
      try {
        for (int i = 0; i < 200 && released.getCount() > 0; i++) {
          out.write(": keep\n".getBytes(StandardCharsets.UTF_8)); // fails once the node closed the connection
          out.flush();
          released.await(50, TimeUnit.MILLISECONDS);
        }
      } catch (IOException e) {
        clientLeft.countDown();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ex.close();
    });
    server.createContext("/silent/", ex -> {
      ex.sendResponseHeaders(200, 0);
      ex.getResponseBody().write(chunk("Hel").getBytes(StandardCharsets.UTF_8));
      ex.getResponseBody().flush();
      await();
      ex.close();
    });
    server.createContext("/good/", ex -> {
      if (ex.getRequestMethod().equals("GET")) { // the engine's question for the context length: not known here
        send(ex, 404, "application/json", "{\"error\":\"no list of models\"}");
        return;
      }
      authorizations.add(String.valueOf(ex.getRequestHeaders().getFirst("authorization")));
      bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      send(ex, 200, "text/event-stream", chunk("Hel") + chunk("lo") + "data: {\"choices\":[{\"index\":0,"
          + "\"text\":\"\",\"finish_reason\":\"length\"}]}\n\n"
          + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2}}\n\ndata: [DONE]\n\n");
    });
    server.createContext("/nousage/", ex -> send(ex, 200, "text/event-stream", chatChunk("a") + chatChunk("b")
        + chatChunk("c") + "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
        + "data: [DONE]\n\n"));
    server.start();
    engine = new UpstreamEngine(new UpstreamLimits(SHORT, SHORT, SHORT, 4096, 1 << 20), Map.of("UP_KEY", "k-env")::get);
  }

  @AfterEach
  void stop() {
    released.countDown();
    engine.close();
    server.stop(0);
  }

  @Test
  void anUpstreamThatNeverAnswersFailsWithinTheLimit() {
    assertUnavailable(generate("hang"), "did not answer within");
  }

  @Test
  void garbageIsRefusedClearly() {
    assertUnavailable(generate("garbage"), "not JSON");
    assertUnavailable(generate("html"), "answered HTTP 502: <html>bad gateway  </html>");
  }

  @Test
  void aStreamBrokenOffFailsAfterItsFirstTokens() {
    List<String> pieces = new CopyOnWriteArrayList<>();
    CompletableFuture<Completion> run = model("drop", "", "").generate("hi", GREEDY, pieces::add,
        new Cancellation());
    assertUnavailable(run, "ended its stream before the completion finished");
    assertThat(pieces).containsExactly("Hel");
  }

  @Test
  void anUpstreamThatStopsSendingIsGivenUp() {
    assertUnavailable(generate("silent"), "sent nothing for");
  }

  @Test
  void cancellingClosesTheUpstreamConnection() throws Exception {
    Cancellation cancellation = new Cancellation();
    CountDownLatch first = new CountDownLatch(1);
    CompletableFuture<Completion> run = model("stall", "", "").generate("hi", GREEDY, t -> first.countDown(),
        cancellation);
    assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();
    cancellation.cancel();
    Completion done = run.get(10, TimeUnit.SECONDS);
    assertThat(done.finishReason()).isEqualTo(FinishReason.CANCELLED);
    assertThat(clientLeft.await(10, TimeUnit.SECONDS)).as("the upstream saw its client go away").isTrue();
  }

  @Test
  void aRefusalIsTheCallersFault() {
    assertThatThrownBy(() -> generate("refuse").join()).cause().isInstanceOfSatisfying(NodeException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
      assertThat(e.getMessage()).contains("HTTP 400").contains("prompt too long");
    });
  }

  @Test
  void anUnreachableUpstreamIsUnavailable() throws IOException {
    int port;
    try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    LoadedModel model = engine.connect("up", new UpstreamTarget("http://127.0.0.1:" + port + "/v1", "m", "", ""),
        ModelUse.GENERATION);
    assertUnavailable(model.generate("hi", GREEDY, t -> { }, new Cancellation()), "is unreachable");
  }

  @Test
  void usageAndKeyComeThroughAndChunksCountWithoutUsage() throws Exception {
    Path key = dir.resolve("key");
    Files.writeString(key, "k-file\n");
    List<String> pieces = new CopyOnWriteArrayList<>();
    Completion c = model("good", key.toString(), "").generate("hi", GREEDY, pieces::add, new Cancellation())
        .get(10, TimeUnit.SECONDS);
    assertThat(pieces).containsExactly("Hel", "lo");
    assertThat(c).isEqualTo(new Completion("Hello", FinishReason.LENGTH, 3, 2));
    assertThat(authorizations).containsExactly("Bearer k-file");
    assertThat(bodies.get(0)).contains("\"model\":\"m\"").contains("\"prompt\":\"hi\"").contains("\"stream\":true");

    Completion chat = ((ChatGenerator) model("nousage", "", "UP_KEY")).chat(List.of(new ChatMessage("user", "x")),
        GREEDY, t -> { }, new Cancellation()).get(10, TimeUnit.SECONDS);
    assertThat(chat).isEqualTo(new Completion("abc", FinishReason.STOP, 0, 3));
  }

  @Test
  void aMissingKeyFailsTheLoadWithoutShowingAKey() {
    assertThatThrownBy(() -> model("good", dir.resolve("none").toString(), ""))
        .isInstanceOfSatisfying(NodeException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
          assertThat(e.getMessage()).contains("API key file").contains("cannot be read");
        });
    assertThatThrownBy(() -> model("good", "", "NOT_SET")).hasMessageContaining("NOT_SET")
        .hasMessageContaining("not set");
  }

  @Test
  void badTargetsAreRefused() {
    assertThatThrownBy(() -> new UpstreamTarget("ftp://x/v1", "m", "", "")).hasMessageContaining("http://");
    assertThatThrownBy(() -> new UpstreamTarget("http://u:p@x/v1", "m", "", "")).hasMessageContaining("credentials");
    assertThatThrownBy(() -> new UpstreamTarget("http://x/" + "a".repeat(3000), "m", "", ""))
        .hasMessageContaining("2048");
    assertThatThrownBy(() -> new UpstreamTarget("http://x/v1", "", "", "")).hasMessageContaining("upstream_model");
  }

  private CompletableFuture<Completion> generate(String path) {
    return model(path, "", "").generate("hi", GREEDY, t -> { }, new Cancellation());
  }

  private LoadedModel model(String path, String keyFile, String keyEnv) {
    String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/" + path + "/v1";
    return engine.connect("up", new UpstreamTarget(base, "m", keyFile, keyEnv), ModelUse.GENERATION);
  }

  private static void assertUnavailable(CompletableFuture<?> run, String message) {
    long start = System.nanoTime();
    assertThatThrownBy(() -> run.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).cause()
        .isInstanceOfSatisfying(NodeException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
          assertThat(e.getMessage()).contains("the upstream of model 'up'").contains(message);
        });
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  private void await() {
    try {
      released.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String chunk(String text) {
    return "data: {\"choices\":[{\"index\":0,\"text\":\"" + text + "\",\"finish_reason\":null}]}\n\n";
  }

  private static String chatChunk(String text) {
    return "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text + "\"},\"finish_reason\":null}]}\n\n";
  }

  private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("content-type", type);
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }
}
