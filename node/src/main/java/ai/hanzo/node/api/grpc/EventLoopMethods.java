package ai.hanzo.node.api.grpc;

import java.util.Set;

/**
 * The API's exceptions to "blocking is the default": the only gRPC methods that run on the event loop. GetMetrics and
 * GetEvents only register an in-memory subscription (metrics samples, domain events) whose messages are then written
 * from the event loop; GetStatus of this node reads only memory (host sampler, the reconciler's status snapshot) and
 * hops to the blocking executor for another node's, which the registry may read from disk. Nothing here reads the
 * disk, the runtime or the network on the event loop. Every other gRPC method carries
 * {@link com.linecorp.armeria.server.annotation.Blocking} (a test checks it), and every HTTP JSON route runs on the
 * blocking executor ({@link HttpCalls#json}). Over HTTP the same holds for streams: log streams (NDJSON and
 * WebSocket) and execs open on the blocking executor; only the metrics and event streams open on the event loop.
 */
final class EventLoopMethods {
  static final Set<String> GRPC = Set.of("getMetrics", "getEvents", "getStatus");

  private EventLoopMethods() {}
}
