package ai.hanzo.node.inference;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link LoadedModel} that takes a chat as messages rather than as one prompt: one served by another server,
 * which applies its own chat template. The server passes a chat's messages here instead of formatting them.
 */
public interface ChatGenerator {
  /** As {@link LoadedModel#generate}, for {@code messages}. */
  CompletableFuture<Completion> chat(List<ChatMessage> messages, GenerationParams params, TokenSink sink,
      Cancellation cancellation);
}
