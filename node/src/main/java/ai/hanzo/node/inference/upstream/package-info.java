/**
 * The {@code openai-upstream} engine kind: a model of the store served by an OpenAI-compatible server the operator
 * runs (vLLM, llama-server, mlx_lm.server, another hanzo-node). {@link ai.hanzo.node.inference.upstream.UpstreamEngine}
 * connects a record's {@link ai.hanzo.node.models.UpstreamTarget} into a
 * {@link ai.hanzo.node.inference.LoadedModel} that calls the upstream's {@code /v1/completions},
 * {@code /v1/chat/completions} and {@code /v1/embeddings} with the JDK's HttpClient on the engine's own threads,
 * streaming its Server-Sent Events token by token into the node's sinks, so the node adds its IAM, queues, metering
 * and discovery in front of it. Every answer is bounded in size and time; an upstream that is down, hangs or answers
 * garbage fails the request as UNAVAILABLE with a message naming the upstream. Each model's tuning (models'
 * {@code UpstreamTuning}) sets its timeouts, how many requests it has in flight and its context length (else asked
 * from the upstream's {@code /models}); its API key file is read again when it changes; its embeddings are
 * L2-normalised like local ones. Uses {@code models} and {@code error}.
 */
package ai.hanzo.node.inference.upstream;
