package ai.hanzo.node.inference.serving;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.inference.Cancellation;
import ai.hanzo.node.inference.ChatGenerator;
import ai.hanzo.node.inference.ChatMessage;
import ai.hanzo.node.inference.Completion;
import ai.hanzo.node.inference.FinishReason;
import ai.hanzo.node.inference.GenerationParams;
import ai.hanzo.node.inference.ModelUse;
import ai.hanzo.node.inference.TokenSink;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Queues generations (completions and chats). A local model's prompt is formatted (its chat template) and counted
 * here, and {@code max_tokens} fitted to its context; a model served by an upstream ({@link ChatGenerator}) gets the
 * chat as messages and checks its own context. Blocking (may load the model, tokenizes).
 */
final class Generations {
  private final ResidentModels models;

  Generations(ResidentModels models) {
    this.models = models;
  }

  ModelServer.Generation start(String name, String transcript, List<ChatMessage> messages, GenerationParams params,
      TokenSink sink, Cancellation cancellation) {
    // A model unloaded between loading it and queueing (to make room for another) is loaded again, once.
    for (int attempt = 0; ; attempt++) {
      ServedModel model = models.load(name, ModelUse.GENERATION);
      if (model.model() instanceof ChatGenerator upstream) {
        // Served elsewhere: the upstream formats the chat, counts the tokens and checks its context.
        Optional<ModelServer.Generation> queued = models.whileLoaded(model, () -> new ModelServer.Generation(0,
            messages.isEmpty()
                ? model.queue().submit(transcript, params, sink, cancellation)
                : model.queue().submit(() -> upstream.chat(messages, params, sink, cancellation), cancellation,
                    new Completion("", FinishReason.CANCELLED, 0, 0))));
        if (queued.isPresent()) {
          return queued.get();
        }
        continue;
      }
      int promptTokens;
      String prompt;
      try {
        prompt = messages.isEmpty() ? transcript : model.model().applyChatTemplate(messages).orElse(transcript);
        promptTokens = model.model().tokenize(prompt).length;
      } catch (NodeException e) {
        if (attempt == 0 && e.code() == ErrorCode.UNAVAILABLE) {
          continue;
        }
        throw e;
      }
      GenerationParams fitted = fitToContext(name, params, promptTokens, model.contextLength());
      Optional<ModelServer.Generation> queued = models.whileLoaded(model, () -> new ModelServer.Generation(
          promptTokens, model.queue().submit(prompt, fitted, sink, cancellation)));
      if (queued.isPresent()) {
        return queued.get();
      }
      if (attempt > 0) {
        throw new NodeException(ErrorCode.UNAVAILABLE, "model '" + name + "' was unloaded while the request"
            + " waited; retry");
      }
    }
  }

  /**
   * The prompt and its beginning-of-text token take context first; the completion gets the rest, at most
   * {@code max_tokens}. A prompt that leaves nothing is refused (as OpenAI refuses a context overflow).
   */
  static GenerationParams fitToContext(String name, GenerationParams params, int promptTokens, int context) {
    int room = context - promptTokens - 1;
    if (room < 1) {
      throw new NodeException(ErrorCode.INVALID_ARGUMENT, "the prompt is " + promptTokens + " tokens; model '"
          + name + "' has a context of " + context + " tokens, which must also hold at least one generated token;"
          + " shorten the prompt", Map.of("field", "prompt", "reason", "context_length_exceeded"));
    }
    if (params.maxTokens() <= room) {
      return params;
    }
    return new GenerationParams(room, params.temperature(), params.topP(), params.stop(), params.seed());
  }
}
