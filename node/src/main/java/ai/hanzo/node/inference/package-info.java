/**
 * The inference engine SPI: an {@link ai.hanzo.node.inference.InferenceEngine} loads a model file into a
 * {@link ai.hanzo.node.inference.LoadedModel}, which tokenizes and generates text token by token into a
 * {@link ai.hanzo.node.inference.TokenSink} until {@code max_tokens}, a stop sequence, the end of text or a
 * {@link ai.hanzo.node.inference.Cancellation}. Generation runs on the engine's own bounded executor, never on the
 * caller's thread (and so never on the API's event loop). {@code inference.llama} implements it with llama.cpp in
 * process; {@code inference.serving} serves the store's models through it (load on demand within a memory budget,
 * a bounded queue per model). Uses {@code models} (to size a model from its header) and {@code error}.
 */
package ai.hanzo.node.inference;
