package ai.hanzo.node.inference;

import java.util.List;

/**
 * The vectors of a batch of texts, in input order, and the tokens the engine processed for them (each input's
 * tokens with its beginning-of-text token): the request's prompt tokens.
 */
public record Embeddings(List<float[]> vectors, int promptTokens) {
  public Embeddings {
    vectors = List.copyOf(vectors);
  }
}
