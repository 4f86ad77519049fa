package ai.hanzo.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.api.v1.NodeAdminServiceGrpc;
import ai.hanzo.node.api.v1.QueryUsageRequest;
import ai.hanzo.node.inference.FinishReason;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.client.grpc.GrpcClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code /ws/inference} with a real WebSocket client over the real llama.cpp engine and a tiny model, a gate in
 * front of its text ({@link GatedEngine}): tokens arrive as frames in the streamed shape of {@code /v1/inference}
 * and add up to its whole answer, bad requests close with the error, a foreign page is refused, and a client that
 * closes stops the generation, recorded as cancelled.
 */
class InferenceSocketIT extends WithTinyModelApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void tokensArriveAsFramesAndAddUpToTheWholeAnswer() throws Exception {
    String request = "{\"model\": \"tiny\", \"prompt\": \"hello world\", \"max_tokens\": 5, \"temperature\": 0}";
    Frames frames = new Frames();
    WebSocket ws = connect(frames);
    ws.sendText(request, true).get(30, TimeUnit.SECONDS);

    List<JsonNode> chunks = new ArrayList<>();
    for (String text = frames.next(); text != null; text = frames.next()) {
      chunks.add(JSON.readTree(text));
    }
    assertThat(frames.closed.get(60, TimeUnit.SECONDS)).isEqualTo(WebSocket.NORMAL_CLOSURE);
    JsonNode last = chunks.get(chunks.size() - 1);
    assertThat(last.at("/choices/0/finish_reason").asText()).isEqualTo("length");
    assertThat(last.at("/usage/completion_tokens").asInt()).isEqualTo(5);
    assertThat(chunks.subList(0, chunks.size() - 1)).isNotEmpty()
        .allSatisfy(c -> assertThat(c.at("/choices/0/finish_reason").isNull()).isTrue());
    String streamed = chunks.stream().map(c -> c.at("/choices/0/text").asText()).reduce("", String::concat);
    HttpResponse<String> whole = http.send(HttpRequest.newBuilder(URI.create(api.httpUri() + "/v1/inference"))
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(request)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(streamed).isEqualTo(JSON.readTree(whole.body()).at("/choices/0/text").asText());
    assertThat(last.get("id").asText()).startsWith("inf-");

    assertThat(admin().queryUsage(QueryUsageRequest.getDefaultInstance()).getRecordsList())
        .extracting(u -> u.getApi() + " " + u.getRequestId().startsWith("inf-") + " " + u.getCompletionTokens())
        .containsExactly("websocket true 5", "inference true 5");
  }

  @Test
  void aBadRequestClosesTheSocketWithTheError() throws Exception {
    Frames tooMany = new Frames();
    connect(tooMany).sendText("{\"model\": \"tiny\", \"prompt\": \"hi\", \"max_tokens\": 0}", true);
    assertThat(tooMany.next()).contains("max_tokens").contains("INVALID_ARGUMENT");
    assertThat(tooMany.closed.get(60, TimeUnit.SECONDS)).isEqualTo(1008);
    assertThat(tooMany.reason).contains("max_tokens");

    Frames unknown = new Frames();
    connect(unknown).sendText("{\"model\": \"nope\", \"prompt\": \"hi\"}", true);
    assertThat(unknown.next()).contains("NOT_FOUND").contains("'nope'");
    assertThat(unknown.closed.get(60, TimeUnit.SECONDS)).isEqualTo(1008);

    Frames notJson = new Frames();
    connect(notJson).sendText("{nope", true);
    assertThat(notJson.next()).contains("not valid JSON");
    assertThat(notJson.closed.get(60, TimeUnit.SECONDS)).isEqualTo(1008);
  }

  @Test
  void aPageOfAnotherOriginIsRefused() {
    assertThatThrownBy(() -> http.newWebSocketBuilder().header("Origin", "https://evil.example")
        .buildAsync(uri(), new WebSocket.Listener() {}).join())
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(WebSocketHandshakeException.class)
        .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode())
            .isEqualTo(403));
  }

  @Test
  void aClientThatClosesStopsItsGeneration() throws Exception {
    engine.closeGate();
    Frames frames = new Frames();
    WebSocket ws = connect(frames);
    ws.sendText("{\"model\": \"tiny\", \"prompt\": \"hello\", \"max_tokens\": 200, \"temperature\": 0}", true);
    assertThat(engine.awaitWaiting()).isTrue();

    ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(30, TimeUnit.SECONDS);
    await().atMost(WAIT).until(() -> engine.cancellations.get(0).isCancelled());
    engine.openGate();

    await().atMost(WAIT).until(() -> !engine.completions.isEmpty());
    assertThat(engine.completions).singleElement().satisfies(c -> {
      assertThat(c.finishReason()).isEqualTo(FinishReason.CANCELLED);
      assertThat(c.completionTokens()).isLessThan(10);
    });
    assertThat(admin().queryUsage(QueryUsageRequest.getDefaultInstance()).getRecordsList()).singleElement()
        .satisfies(u -> {
          assertThat(u.getApi()).isEqualTo("websocket");
          assertThat(u.getFinishReason()).isEqualTo("cancelled");
        });
  }

  private WebSocket connect(Frames frames) throws Exception {
    return http.newWebSocketBuilder().header("Origin", api.httpUri()).buildAsync(uri(), frames)
        .get(30, TimeUnit.SECONDS);
  }

  private URI uri() {
    return URI.create(api.httpUri().replace("http://", "ws://") + "/ws/inference");
  }

  private NodeAdminServiceGrpc.NodeAdminServiceBlockingStub admin() {
    return GrpcClients.builder(api.grpcUri()).build(NodeAdminServiceGrpc.NodeAdminServiceBlockingStub.class);
  }

  /** The text frames a client receives, then how the node closed. */
  private static final class Frames implements WebSocket.Listener {
    private static final String END = "\u0000end";
    final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    volatile String reason;

    /** The next frame's text, or {@code null} once the node closed. */
    String next() throws InterruptedException {
      String text = texts.poll(60, TimeUnit.SECONDS);
      assertThat(text).as("a frame or the close within 60 s").isNotNull();
      return text.equals(END) ? null : text;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        texts.add(partial.toString());
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String why) {
      reason = why;
      texts.add(END);
      closed.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      texts.add(END);
      closed.completeExceptionally(error);
    }
  }
}
