package ai.hanzo.node.inference.serving;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.inference.Cancellation;
import ai.hanzo.node.inference.ChatGenerator;
import ai.hanzo.node.inference.ModelUse;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Queues batches of embeddings on a model loaded for them (see {@link ModelUse}), in the same queue discipline as
 * generations. A local model's inputs are counted and checked against its context here; an upstream checks its own.
 * Blocking (may load the model, tokenizes).
 */
final class EmbeddingBatches {
  private final ResidentModels models;

  EmbeddingBatches(ResidentModels models) {
    this.models = models;
  }

  ModelServer.Embedding embed(String name, List<String> inputs, Cancellation cancellation) {
    for (int attempt = 0; ; attempt++) {
      ServedModel model = models.load(name, ModelUse.EMBEDDINGS);
      int promptTokens = 0;
      boolean elsewhere = model.model() instanceof ChatGenerator;
      try {
        for (int i = 0; !elsewhere && i < inputs.size(); i++) {
          int tokens = model.model().tokenize(inputs.get(i)).length + 1;
          if (tokens > model.contextLength()) {
            throw new NodeException(ErrorCode.INVALID_ARGUMENT, "input[" + i + "] is " + tokens + " tokens (with"
                + " its beginning-of-text token); model '" + name + "' embeds at most " + model.contextLength()
                + " tokens per input; shorten it", Map.of("field", "input[" + i + "]", "reason",
                "context_length_exceeded"));
          }
          promptTokens += tokens;
        }
      } catch (NodeException e) {
        if (attempt == 0 && e.code() == ErrorCode.UNAVAILABLE) {
          continue;
        }
        throw e;
      }
      List<String> batch = List.copyOf(inputs);
      int counted = promptTokens;
      Optional<ModelServer.Embedding> queued = models.whileLoaded(model, () -> new ModelServer.Embedding(counted,
          model.queue().submit(() -> model.model().embed(batch, cancellation), cancellation, null)));
      if (queued.isPresent()) {
        return queued.get();
      }
      if (attempt > 0) {
        throw new NodeException(ErrorCode.UNAVAILABLE, "model '" + name + "' was unloaded while the request"
            + " waited; retry");
      }
    }
  }
}
