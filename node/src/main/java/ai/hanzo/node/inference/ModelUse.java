package ai.hanzo.node.inference;

/**
 * What a model is loaded for. llama.cpp computes embeddings in a context created for them (every output row kept
 * and pooled, the whole input in one batch), which is not the context generation wants, so one model file may be
 * loaded twice, once per use, each counted against the memory budget on its own.
 */
public enum ModelUse {
  /** Text generation: completions and chats. */
  GENERATION,
  /** One vector per input text (OpenAI's {@code /v1/embeddings}). */
  EMBEDDINGS
}
