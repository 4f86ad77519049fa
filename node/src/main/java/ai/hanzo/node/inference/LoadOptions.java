package ai.hanzo.node.inference;

import ai.hanzo.node.error.NodeException;

/**
 * How to load a model.
 *
 * @param contextLength tokens of context (prompt and generated text together); 0 takes the model's own
 * @param threads CPU threads one generation uses
 * @param parallel sequences a generation model decodes at once (llama.cpp's server slots, batched together); each
 *     gets the whole {@code contextLength}
 */
public record LoadOptions(int contextLength, int threads, int parallel) {
  public static final int MAX_CONTEXT = 1 << 20;
  /** The most sequences one model decodes at once: far beyond what a CPU batches profitably. */
  public static final int MAX_PARALLEL = 64;

  /** One sequence at a time. */
  public LoadOptions(int contextLength, int threads) {
    this(contextLength, threads, 1);
  }

  public LoadOptions {
    if (parallel < 1 || parallel > MAX_PARALLEL) {
      throw NodeException.invalidField("parallel", "must be between 1 and " + MAX_PARALLEL);
    }
    if (contextLength < 0 || contextLength > MAX_CONTEXT) {
      throw NodeException.invalidField("context_length", "must be between 0 and " + MAX_CONTEXT);
    }
    if (threads < 1 || threads > 1024) {
      throw NodeException.invalidField("threads", "must be between 1 and 1024");
    }
  }
}
