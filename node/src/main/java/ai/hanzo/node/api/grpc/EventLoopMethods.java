package ai.hanzo.node.api.grpc;

import java.util.Set;

/**
 * The API's exceptions to "blocking is the default": the only gRPC methods that run on the event loop. Each only
 * registers an in-memory subscription (metrics samples, domain events) whose messages are then written from the
 * event loop; nothing in them reads the disk, the runtime or the network. Every other gRPC method carries
 * {@link com.linecorp.armeria.server.annotation.Blocking} (a test checks it), and every HTTP JSON route runs on the
 * blocking executor ({@link HttpCalls#json}). Over HTTP the same holds for streams: log streams (NDJSON and
 * WebSocket) and execs open on the blocking executor; only the metrics and event streams open on the event loop.
 */
final class EventLoopMethods {
  static final Set<String> GRPC = Set.of("getMetrics", "getEvents");

  private EventLoopMethods() {}
}
