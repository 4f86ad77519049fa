package ai.hanzo.node.api.endpoint;

import ai.hanzo.node.error.NodeException;
import java.util.List;

/**
 * A server stream to one client over any transport (gRPC, WebSocket, NDJSON). Calls are made by one thread at a
 * time. {@link #isReady()} false means the transport's buffer is full: the stream must wait for the
 * {@code onReady} callback instead of writing, so a slow client never makes the node buffer without bound.
 */
public interface MessageSink<T> {
  boolean isReady();

  void next(T message);

  /** Several messages in order, as one write where the transport can do that. */
  default void nextAll(List<T> messages) {
    messages.forEach(this::next);
  }

  void complete();

  void fail(NodeException error);
}
