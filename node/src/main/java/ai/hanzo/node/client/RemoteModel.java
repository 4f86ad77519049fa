package ai.hanzo.node.client;

import ai.hanzo.node.api.v1.ModelDetails;
import ai.hanzo.node.api.v1.ServableModel;

/**
 * A model of a running node's store as {@code hanzo-node models} shows it; {@code sha256}, {@code tokenizer} and the
 * shape fields are empty or 0 in a listing (ListModels carries only what the table shows).
 */
public record RemoteModel(String name, String architecture, long parameters, long contextLength,
    String quantization, String tokenizer, long vocabularySize, long embeddingLength, long blockCount,
    long headCount, long size, String sha256, String addedAt, boolean loaded) {

  static RemoteModel of(ModelDetails m) {
    return new RemoteModel(m.getName(), m.getArchitecture(), m.getParameters(), m.getContextLength(),
        m.getQuantization(), m.getTokenizer(), m.getVocabularySize(), m.getEmbeddingLength(), m.getBlockCount(),
        m.getHeadCount(), m.getSizeBytes(), m.getSha256(), m.getAddedAt(), m.getLoaded());
  }

  static RemoteModel of(ServableModel m) {
    return new RemoteModel(m.getName(), m.getArchitecture(), m.getParameters(), m.getContextLength(),
        m.getQuantization(), "", 0, 0, 0, 0, m.getSizeBytes(), "", m.getAddedAt(), m.getLoaded());
  }
}
