/**
 * The transport-neutral endpoints both gRPC and HTTP call ({@link ai.hanzo.node.api.endpoint.NodeApi} bundles
 * them): compute, status, health, images, network, registry, audit and keys, inference (over the model server of
 * {@code inference.serving}, recording every generation's usage, and {@link ai.hanzo.node.api.endpoint.ModelRouter},
 * which decides whether a generation runs here or, with {@code route: network}, on another node that serves the
 * model) and usage queries; the streams (events, logs, metrics,
 * exec) written through {@link ai.hanzo.node.api.endpoint.MessageSink} so each transport supplies its own writer;
 * and the node's phase and readiness. Takes and answers {@code hanzo.node.v1} messages, converted by
 * {@code api.mapping}, and scopes every call by the caller's organization from {@code api.access}. Knows neither
 * transport. A separate package rather than the {@code api} root because the root assembles the transports, which
 * depend on this package: one package holding both would be a cycle.
 */
package ai.hanzo.node.api.endpoint;
