/**
 * The HTTP/JSON and WebSocket mirror of the gRPC API over the same endpoints: the JSON routes (run on the blocking
 * executor), the audit, usage and key routes, the WebSocket streams and exec, the Prometheus scrape and the liveness and
 * readiness probes; the inference routes ({@code InferenceRoutes}: the upstream {@code /v1/inference} and
 * {@code /v1/embed}, the OpenAI-compatible completions, chat completions, embeddings and models, loading and
 * unloading), answered whole or as Server-Sent Events, and {@code /ws/inference} ({@code InferenceSocket}); the caller's
 * own grants ({@code /v1/whoami}); the dashboard's files in {@code api.http.ui}. Never uses the gRPC transport.
 */
package ai.hanzo.node.api.http;
