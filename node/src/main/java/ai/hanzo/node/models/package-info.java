/**
 * Models as files: the GGUF header reader ({@link ai.hanzo.node.models.GgufReader}) that tells what a model file
 * is (architecture, parameter count, context length, quantization, tokenizer, vocabulary) without loading its
 * weights, and the records it answers in. Reading is bounded by the file's size and by fixed limits on counts and
 * lengths, so a hostile or broken file costs at most a clear {@link ai.hanzo.node.models.GgufFormatException}.
 * {@link ai.hanzo.node.models.ModelStore} keeps a node's models in {@code <data-dir>/models/}, each a GGUF file and
 * a JSON record. Uses nothing of the node but {@code error}; the inference engines and the API build on it.
 */
package ai.hanzo.node.models;
