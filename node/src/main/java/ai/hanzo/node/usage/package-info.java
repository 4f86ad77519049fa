/**
 * Inference usage accounting: {@link ai.hanzo.node.usage.UsageRecorder} takes one record per inference request
 * (the tokens processed, the model, the caller and its organisation, the API shape, how it ended), counts it in the
 * Prometheus counters at once and writes it to the node database's usage log in batches on a thread of its own;
 * {@link ai.hanzo.node.usage.UsageSearch} pages through the records with filters and sums them per organisation and
 * model, within the caller's {@link ai.hanzo.node.usage.UsageScope}. Uses {@code storage} (and Micrometer); the
 * API's inference endpoint records, its admin endpoint queries.
 *
 * <p>Compute usage: {@link ai.hanzo.node.usage.ComputeMeter} meters the CPU time and memory of this node's containers
 * from the runtime's cumulative counters ({@link ai.hanzo.node.usage.ContainerSample}s the node's sampler hands it),
 * in intervals per container that never cross an hour boundary, saved atomically with every sample; the search sums
 * them per hour, day or over the range ({@link ai.hanzo.node.usage.Granularity}).
 */
package ai.hanzo.node.usage;
