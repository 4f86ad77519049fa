package ai.hanzo.node.app;

/**
 * A model as {@code hanzo-node models ls|inspect} shows it. {@code sha256} and {@code addedAt} are empty for a file
 * inspected outside the store. {@code contextSource}: where {@code contextLength} comes from, "gguf", "configured",
 * "upstream" (learned from the upstream), "unknown", or empty when the node does not say.
 */
public record ModelSummary(String name, String architecture, long parameters, long contextLength,
    String quantization, String tokenizer, long vocabularySize, long embeddingLength, long blockCount,
    long headCount, long size, String sha256, String addedAt, String file, String contextSource) {
}
