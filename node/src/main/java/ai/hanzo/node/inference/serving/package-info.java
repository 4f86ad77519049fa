/**
 * Serving models: {@link ai.hanzo.node.inference.serving.ModelServer} owns the models this node has loaded. It
 * loads a model of the {@code models} store on its first request, keeps all loaded models within a memory budget
 * (unloading the least recently used idle ones to make room, refusing a model larger than the whole budget), and
 * gives each model a bounded queue ({@link ai.hanzo.node.inference.serving.GenerationQueue}) so that it generates
 * for one request at a time while at most a configured number wait; a cancelled request leaves the queue or stops
 * its generation. Uses the {@code inference} SPI and {@code models}; transports (HTTP routes) sit above it in
 * {@code api}.
 */
package ai.hanzo.node.inference.serving;
