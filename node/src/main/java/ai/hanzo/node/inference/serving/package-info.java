/**
 * Serving models: {@link ai.hanzo.node.inference.serving.ModelServer} is what the transports call. Behind it,
 * {@code ModelCatalog} is the store's models, {@code ResidentModels} those loaded now (on a model's first request,
 * all within a memory budget, the least recently used idle ones unloaded to make room, a model larger than the whole
 * budget refused), loaded by {@code ModelLoader} with the engine of their kind; {@code Generations} and
 * {@code EmbeddingBatches} queue requests on a model's bounded queue
 * ({@link ai.hanzo.node.inference.serving.GenerationQueue}), so it serves a bounded number of requests at a time while
 * at most a configured number wait; a cancelled request leaves the queue or stops its generation. Uses the
 * {@code inference} SPI and {@code models}; transports (HTTP routes) sit above it in {@code api}.
 */
package ai.hanzo.node.inference.serving;
