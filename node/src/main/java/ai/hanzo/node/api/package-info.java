/**
 * The node's API on Armeria: the gRPC services ({@code NodeService}, {@code NodeAdminService}) and their HTTP/JSON
 * and WebSocket mirror, which call the same endpoint objects, so both transports behave alike. Owns the access
 * layer (authentication, authorization, rate limits and audit on every call), the one mapping from {@link
 * ai.hanzo.node.error.NodeException} codes to gRPC statuses and HTTP errors, and the conversion between domain
 * records and {@code hanzo.node.v1} messages: protobuf and Armeria types stay in this package, the CLI and the
 * composition root. Anything that may block (RocksDB, the compute engine, health checks) runs off the event loop.
 */
package ai.hanzo.node.api;
