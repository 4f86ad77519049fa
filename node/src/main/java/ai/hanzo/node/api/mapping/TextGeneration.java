package ai.hanzo.node.api.mapping;

import ai.hanzo.node.inference.GenerationParams;

/**
 * A checked generation request, whichever route it came by.
 *
 * @param prompt the text to continue (a chat's messages already turned into one transcript)
 * @param stream answer as Server-Sent Events, a chunk per piece of text
 * @param includeUsage whether a stream ends with the token counts (OpenAI's {@code stream_options.include_usage};
 *     the upstream shape always sends them)
 */
public record TextGeneration(String model, String prompt, GenerationParams params, boolean stream,
    boolean includeUsage) {
}
