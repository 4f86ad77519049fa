/**
 * Load drivers of model serving: the node's generation routes against node-llama-cpp on the same generated model.
 */
package ai.hanzo.bench.inference;
