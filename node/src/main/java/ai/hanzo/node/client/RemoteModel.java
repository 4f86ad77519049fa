package ai.hanzo.node.client;

import ai.hanzo.node.api.v1.ModelDetails;
import ai.hanzo.node.api.v1.ServableModel;

/**
 * A model of a running node's store as {@code hanzo-node models} shows it; {@code sha256}, {@code tokenizer} and the
 * shape fields are empty or 0 in a listing (ListModels carries only what the table shows). {@code contextSource}:
 * where the context length comes from (ModelDetails.context_source; empty in a listing, or from an older node).
 */
public record RemoteModel(String name, String architecture, long parameters, long contextLength,
    String quantization, String tokenizer, long vocabularySize, long embeddingLength, long blockCount,
    long headCount, long size, String sha256, String addedAt, boolean loaded, String contextSource) {

  static RemoteModel of(ModelDetails m) {
    return new RemoteModel(m.getName(), m.getArchitecture(), m.getParameters(), m.getContextLength(),
        m.getQuantization(), m.getTokenizer(), m.getVocabularySize(), m.getEmbeddingLength(), m.getBlockCount(),
        m.getHeadCount(), m.getSizeBytes(), m.getSha256(), m.getAddedAt(), m.getLoaded(), m.getContextSource());
  }

  static RemoteModel of(ServableModel m) {
    return new RemoteModel(m.getName(), m.getArchitecture(), m.getParameters(), m.getContextLength(),
        m.getQuantization(), "", 0, 0, 0, 0, m.getSizeBytes(), "", m.getAddedAt(), m.getLoaded(), "");
  }
}
