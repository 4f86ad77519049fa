package ai.hanzo.node.models;

/**
 * A model in the store: its name, the file that holds it (under the store's directory), size, SHA-256 of the
 * content, what its header says, and when it was added (ISO-8601).
 */
public record ModelRecord(String name, String file, long size, String sha256, ModelInfo info, String addedAt) {
}
