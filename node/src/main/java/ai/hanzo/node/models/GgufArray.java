package ai.hanzo.node.models;

/**
 * A metadata array as the reader keeps it: its element type and length, not its elements. The vocabulary, its
 * scores and merges are hundreds of thousands of entries that inspecting a model never needs.
 */
public record GgufArray(String elementType, long length) {
}
