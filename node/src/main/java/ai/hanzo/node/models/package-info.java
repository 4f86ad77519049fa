/**
 * Models as files: the GGUF header reader ({@link ai.hanzo.node.models.GgufReader}) that tells what a model file
 * is (architecture, parameter count, context length, quantization, tokenizer, vocabulary) without loading its
 * weights, and the records it answers in. Reading is bounded by the file's size and by fixed limits on counts and
 * lengths, so a hostile or broken file costs at most a clear {@link ai.hanzo.node.models.GgufFormatException}.
 * Uses nothing of the node but {@code config}; the inference engines and the API build on it.
 */
package ai.hanzo.node.models;
