package ai.hanzo.node.inference.upstream;

import ai.hanzo.node.models.UpstreamTarget;
import ai.hanzo.node.models.UpstreamTuning;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The context length of an upstream model: the one its target sets, else what the upstream reports on
 * {@code GET /models} for the model's id ({@code max_model_len} from vLLM, {@code meta.n_ctx_train} from llama.cpp's
 * server, {@code context_length} or {@code context_window} from others), else unknown (0). Asked once, in the
 * background, so loading never waits for an upstream that is slow or down; an answer that is not understood leaves it
 * unknown.
 */
final class ContextProbe {
  /** The longest the node waits for the upstream's list of models. */
  static final Duration MAX_WAIT = Duration.ofSeconds(10);
  /** The most of that list read: a list of models, not a model. */
  private static final int MAX_ANSWER = 1 << 20;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger log = LoggerFactory.getLogger(ContextProbe.class);
  private static final List<String> FIELDS = List.of("/max_model_len", "/context_length", "/context_window",
      "/max_context_length", "/meta/n_ctx_train", "/meta/n_ctx");

  private final UpstreamTarget target;
  private volatile int length;

  ContextProbe(UpstreamTarget target) {
    this.target = target;
    this.length = target.tuning().contextLength();
  }

  /** Tokens of context, or 0 when neither the target nor the upstream says. */
  int length() {
    return length;
  }

  /** Asks in the background; the answer's body is closed after {@code wait} at the latest (by {@code watchdog}). */
  void ask(HttpClient http, ScheduledExecutorService watchdog, ApiKeySource key, Duration wait) {
    HttpRequest.Builder request;
    try {
      request = HttpRequest.newBuilder(URI.create(target.base() + "/models")).timeout(wait).GET()
          .header("accept", "application/json");
      String bearer = key.current();
      if (!bearer.isEmpty()) {
        request.header("authorization", "Bearer " + bearer);
      }
    } catch (RuntimeException e) {
      return; // the first request reports what is wrong with the key
    }
    http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream()).thenAccept(response -> {
      // An upstream that trickles its answer is cut off, so the reader's thread is not held.
      ScheduledFuture<?> cutOff = watchdog.schedule(() -> close(response.body()), wait.toMillis(),
          TimeUnit.MILLISECONDS);
      try (var body = response.body()) {
        byte[] bytes = body.readNBytes(MAX_ANSWER + 1);
        if (response.statusCode() == 200 && bytes.length <= MAX_ANSWER) {
          length = reported(JSON.readTree(bytes), target.model());
        }
      } catch (Exception e) {
        log.debug("upstream {} answered no readable list of models", target.base(), e);
      } finally {
        cutOff.cancel(false);
      }
    }).exceptionally(e -> {
      log.debug("upstream {} gave no list of models: {}", target.base(), e.toString());
      return null;
    });
  }

  private static void close(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // closing is all that is wanted
    }
  }

  /** The context length {@code models} (an OpenAI list of models) gives for {@code id}, or 0. */
  static int reported(JsonNode models, String id) {
    for (JsonNode model : models.path("data")) {
      if (!id.equals(model.path("id").asText())) {
        continue;
      }
      for (String field : FIELDS) {
        JsonNode value = model.at(field);
        if (value.canConvertToInt() && value.asInt() > 0 && value.asInt() <= UpstreamTuning.MAX_CONTEXT_LENGTH) {
          return value.asInt();
        }
      }
    }
    return 0;
  }
}
