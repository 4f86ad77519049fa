package ai.hanzo.node.inference.upstream;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.inference.Cancellation;
import ai.hanzo.node.inference.ChatGenerator;
import ai.hanzo.node.inference.ChatMessage;
import ai.hanzo.node.inference.Completion;
import ai.hanzo.node.inference.Embeddings;
import ai.hanzo.node.inference.GenerationParams;
import ai.hanzo.node.inference.LoadedModel;
import ai.hanzo.node.inference.TokenSink;
import ai.hanzo.node.models.UpstreamTarget;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A model served by an upstream: it takes no memory of the node and knows neither its tokenizer nor its context,
 * which the upstream checks (its refusals reach the caller as INVALID_ARGUMENT). Chats go to the upstream as
 * messages, so its own chat template applies. Closing it stops the requests under way.
 */
final class UpstreamModel implements LoadedModel, ChatGenerator {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String name;
  private final UpstreamTarget target;
  private final String apiKey;
  private final UpstreamCalls calls;
  private final Set<Cancellation> running = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  UpstreamModel(String name, UpstreamTarget target, String apiKey, UpstreamCalls calls) {
    this.name = name;
    this.target = target;
    this.apiKey = apiKey;
    this.calls = calls;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long memoryBytes() {
    return 0;
  }

  /** Unknown here: 0, and the server leaves context checks to the upstream. */
  @Override
  public int contextLength() {
    return 0;
  }

  /** The node has no tokenizer of an upstream model: no tokens, and the upstream's usage counts them. */
  @Override
  public int[] tokenize(String text) {
    return new int[0];
  }

  @Override
  public CompletableFuture<Completion> generate(String prompt, GenerationParams params, TokenSink sink,
      Cancellation cancellation) {
    ObjectNode body = request(params);
    body.put("prompt", prompt);
    return track(cancellation, () -> calls.stream(UpstreamCalls.Shape.COMPLETION, body, apiKey, sink,
        cancellation));
  }

  @Override
  public CompletableFuture<Completion> chat(List<ChatMessage> messages, GenerationParams params, TokenSink sink,
      Cancellation cancellation) {
    ObjectNode body = request(params);
    ArrayNode list = body.putArray("messages");
    for (ChatMessage m : messages) {
      list.addObject().put("role", m.role()).put("content", m.content());
    }
    return track(cancellation, () -> calls.stream(UpstreamCalls.Shape.CHAT, body, apiKey, sink, cancellation));
  }

  @Override
  public CompletableFuture<Embeddings> embed(List<String> inputs, Cancellation cancellation) {
    return track(cancellation, () -> calls.embed(inputs, apiKey, cancellation));
  }

  private ObjectNode request(GenerationParams params) {
    ObjectNode body = JSON.createObjectNode();
    body.put("model", target.model());
    body.put("max_tokens", params.maxTokens());
    body.put("temperature", params.temperature());
    body.put("top_p", params.topP());
    if (!params.stop().isEmpty()) {
      params.stop().forEach(body.putArray("stop")::add);
    }
    body.put("seed", params.seed());
    body.put("stream", true);
    body.putObject("stream_options").put("include_usage", true);
    return body;
  }

  private <T> CompletableFuture<T> track(Cancellation cancellation,
      java.util.function.Supplier<CompletableFuture<T>> call) {
    if (closed) {
      return CompletableFuture.failedFuture(new NodeException(ErrorCode.UNAVAILABLE, "model '" + name
          + "' was unloaded", Map.of("model", name)));
    }
    running.add(cancellation);
    return call.get().whenComplete((v, e) -> running.remove(cancellation));
  }

  @Override
  public void close() {
    closed = true;
    running.forEach(Cancellation::cancel);
  }
}
