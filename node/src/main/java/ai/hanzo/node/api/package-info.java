/**
 * The node's API on Armeria, assembled: {@link ai.hanzo.node.api.ApiServers} builds the gRPC and HTTP servers (one
 * event-loop group) from the transports, the access layer and the endpoints, and owns their start and graceful
 * stop. The parts live in sub-packages that depend in one direction only:
 * <ul>
 *   <li>{@code api.grpc} and {@code api.http}: the two transports, which never use each other;</li>
 *   <li>{@code api.endpoint}: what both transports call, so both behave alike;</li>
 *   <li>{@code api.access}: authentication, authorization, rate and stream limits, browser checks, audit;</li>
 *   <li>{@code api.mapping}: request rules, proto/JSON conversion and the one error mapping, used by all above.</li>
 * </ul>
 * Only this package sees all of them. Protobuf and Armeria types stay in {@code api}, the client, the gossip wire
 * codecs and the composition root. Anything that may block (RocksDB, the compute engine, health checks) runs off
 * the event loop.
 */
package ai.hanzo.node.api;
