package ai.hanzo.node.inference;

import ai.hanzo.node.error.NodeException;

/**
 * How to load a model.
 *
 * @param contextLength tokens of context (prompt and generated text together); 0 takes the model's own
 * @param threads CPU threads one generation uses
 */
public record LoadOptions(int contextLength, int threads) {
  public static final int MAX_CONTEXT = 1 << 20;

  public LoadOptions {
    if (contextLength < 0 || contextLength > MAX_CONTEXT) {
      throw NodeException.invalidField("context_length", "must be between 0 and " + MAX_CONTEXT);
    }
    if (threads < 1 || threads > 1024) {
      throw NodeException.invalidField("threads", "must be between 1 and 1024");
    }
  }
}
