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
 * A model served by an upstream: it takes no memory of the node and has no tokenizer here, so the upstream counts
 * tokens and checks its context (a refusal for a context overflow reaches the caller as the node's own
 * {@code context_length_exceeded}); the context length it shows is the target's or the upstream's (see
 * {@link ContextProbe}). Chats go to the upstream as messages, so its own chat template applies. Up to the target's
 * {@code max_in_flight} requests run at once. The API key is looked up per request, so a rotated key file is used
 * without unloading. Closing it stops the requests under way.
 */
final class UpstreamModel implements LoadedModel, ChatGenerator {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String name;
  private final UpstreamTarget target;
  private final ApiKeySource apiKey;
  private final ContextProbe context;
  private final UpstreamCalls calls;
  private final Set<Cancellation> running = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  UpstreamModel(String name, UpstreamTarget target, ApiKeySource apiKey, ContextProbe context, UpstreamCalls calls) {
    this.name = name;
    this.target = target;
    this.apiKey = apiKey;
    this.context = context;
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

  /** The target's or the upstream's, 0 while unknown; the server leaves context checks to the upstream. */
  @Override
  public int contextLength() {
    return context.length();
  }

  @Override
  public int maxInFlight() {
    return target.tuning().inFlight();
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
    return track(cancellation, () -> calls.stream(UpstreamCalls.Shape.COMPLETION, body, apiKey.current(),
        sink, cancellation));
  }

  @Override
  public CompletableFuture<Completion> chat(List<ChatMessage> messages, GenerationParams params, TokenSink sink,
      Cancellation cancellation) {
    ObjectNode body = request(params);
    ArrayNode list = body.putArray("messages");
    for (ChatMessage m : messages) {
      list.addObject().put("role", m.role()).put("content", m.content());
    }
    return track(cancellation, () -> calls.stream(UpstreamCalls.Shape.CHAT, body, apiKey.current(), sink,
        cancellation));
  }

  @Override
  public CompletableFuture<Embeddings> embed(List<String> inputs, Cancellation cancellation) {
    return track(cancellation, () -> calls.embed(inputs, apiKey.current(), cancellation));
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
    CompletableFuture<T> started;
    try {
      started = call.get();
    } catch (RuntimeException e) {
      started = CompletableFuture.failedFuture(e); // the key file became unreadable: UNAVAILABLE, said so
    }
    return started.whenComplete((v, e) -> running.remove(cancellation));
  }

  @Override
  public void close() {
    closed = true;
    running.forEach(Cancellation::cancel);
  }
}
