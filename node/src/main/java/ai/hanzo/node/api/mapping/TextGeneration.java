package ai.hanzo.node.api.mapping;

import ai.hanzo.node.inference.ChatMessage;
import ai.hanzo.node.inference.GenerationParams;
import java.util.List;

/**
 * A checked generation request, whichever route it came by.
 *
 * @param prompt the text to continue (a chat's messages already turned into one transcript, the prompt of a model
 *     without a chat template)
 * @param messages a chat's messages, for the model's own chat template; empty for a plain completion
 * @param stream answer as Server-Sent Events, a chunk per piece of text
 * @param includeUsage whether a stream ends with the token counts (OpenAI's {@code stream_options.include_usage};
 *     the upstream shape always sends them)
 */
public record TextGeneration(String model, String prompt, GenerationParams params, boolean stream,
    boolean includeUsage, List<ChatMessage> messages) {

  /** A plain completion of {@code prompt}. */
  public TextGeneration(String model, String prompt, GenerationParams params, boolean stream, boolean includeUsage) {
    this(model, prompt, params, stream, includeUsage, List.of());
  }
}
