/**
 * Load drivers of model serving: the node's generation routes ({@code InferenceBench}) and embeddings routes
 * ({@code EmbeddingBench}) against node-llama-cpp on the same generated model.
 */
package ai.hanzo.bench.inference;
