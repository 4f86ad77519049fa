/**
 * GGUF files written by tests, so no test downloads model weights: {@link ai.hanzo.testing.gguf.GgufWriter} writes
 * any GGUF v3 file (metadata of every value type, tensors of any declared type) and
 * {@link ai.hanzo.testing.gguf.TinyLlama} uses it for a tiny llama-architecture model with seeded random weights and
 * a SentencePiece-style vocabulary that llama.cpp loads. It lives in the shared test fixtures, not in one module's
 * tests, because the node's engine tests, its ITs and the benchmarks all need the same model.
 */
package ai.hanzo.testing.gguf;
