/**
 * The HTTP/JSON and WebSocket mirror of the gRPC API over the same endpoints: the JSON routes (run on the blocking
 * executor), the audit and key routes, the WebSocket streams and exec, the Prometheus scrape and the liveness and
 * readiness probes. Never uses the gRPC transport.
 */
package ai.hanzo.node.api.http;
