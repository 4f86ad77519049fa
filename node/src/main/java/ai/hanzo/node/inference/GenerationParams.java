package ai.hanzo.node.inference;

import ai.hanzo.node.error.NodeException;
import java.util.List;

/**
 * One generation's sampling settings, checked here so every engine gets valid ones.
 *
 * @param maxTokens tokens to generate at most (1 to 1,048,576)
 * @param temperature 0 picks the most likely token every time (deterministic); up to 2
 * @param topP nucleus sampling, above 0 and at most 1
 * @param stop up to 4 sequences, each 1 to 256 characters, that end the text where they first appear (not included)
 * @param seed the sampler's seed, so sampling at a temperature above 0 can be repeated
 */
public record GenerationParams(int maxTokens, double temperature, double topP, List<String> stop, long seed) {
  public static final int MAX_TOKENS = 1 << 20;
  public static final int MAX_STOP_SEQUENCES = 4;
  public static final int MAX_STOP_LENGTH = 256;

  public GenerationParams {
    if (maxTokens < 1 || maxTokens > MAX_TOKENS) {
      throw NodeException.invalidField("max_tokens", "must be between 1 and " + MAX_TOKENS);
    }
    if (!(temperature >= 0 && temperature <= 2)) {
      throw NodeException.invalidField("temperature", "must be between 0 and 2");
    }
    if (!(topP > 0 && topP <= 1)) {
      throw NodeException.invalidField("top_p", "must be above 0 and at most 1");
    }
    stop = List.copyOf(stop);
    if (stop.size() > MAX_STOP_SEQUENCES) {
      throw NodeException.invalidField("stop", "at most " + MAX_STOP_SEQUENCES + " sequences");
    }
    for (String s : stop) {
      if (s.isEmpty() || s.length() > MAX_STOP_LENGTH) {
        throw NodeException.invalidField("stop", "each sequence must be 1 to " + MAX_STOP_LENGTH + " characters");
      }
    }
  }

  /** The API's defaults: 256 tokens, temperature 0.7, top_p 0.9, no stop sequences. */
  public static GenerationParams defaults() {
    return new GenerationParams(256, 0.7, 0.9, List.of(), 0);
  }
}
