package ai.hanzo.node.inference;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** A model in memory. {@link #close()} unloads it; generations still queued for it then fail. */
public interface LoadedModel extends AutoCloseable {
  String name();

  /** Bytes the model holds while loaded (the engine's estimate: weights and caches). */
  long memoryBytes();

  /** Tokens of context it was loaded with: the prompt, its beginning-of-text token and the completion must fit. */
  int contextLength();

  /**
   * Requests the model serves at once; more wait in its queue. For a model of this node's engine, its sequence slots
   * (--model-parallel, decoded in one batch; more would only wait inside llama.cpp while holding engine threads); an
   * upstream that batches (vLLM) is given several.
   */
  default int maxInFlight() {
    return 1;
  }

  /** The token ids of {@code text}, without the beginning-of-text token. Blocking but quick. */
  int[] tokenize(String text);

  /**
   * Generates a completion of {@code prompt} on the engine's executor: each token's text goes to {@code sink}, and
   * the future completes with the whole text. When the executor is full the future fails at once with a
   * RESOURCE_EXHAUSTED NodeException; {@code cancellation} ends it with {@link FinishReason#CANCELLED}.
   */
  CompletableFuture<Completion> generate(String prompt, GenerationParams params, TokenSink sink,
      Cancellation cancellation);

  /**
   * {@code messages} formatted by the model's own chat template (GGUF {@code tokenizer.chat_template}), ending
   * with the prompt of the assistant's turn; empty when the model carries no template (the caller then falls back
   * to a plain transcript). Blocking but quick.
   */
  default Optional<String> applyChatTemplate(List<ChatMessage> messages) {
    return Optional.empty();
  }

  /**
   * The vectors of {@code inputs} (each L2-normalised), computed on the engine's executor, for a model loaded for
   * {@link ModelUse#EMBEDDINGS}; the caller has checked that each input fits the context. Fails at once with
   * RESOURCE_EXHAUSTED when the executor is full; {@code cancellation} stops it between inputs (it then fails with
   * UNAVAILABLE).
   */
  default CompletableFuture<Embeddings> embed(List<String> inputs, Cancellation cancellation) {
    return CompletableFuture.failedFuture(new NodeException(ErrorCode.FAILED_PRECONDITION, "model '" + name()
        + "' was not loaded for embeddings", Map.of("model", name(), "reason", "embeddings_unsupported")));
  }

  /** Unloads the model and frees its memory. */
  @Override
  void close();
}
