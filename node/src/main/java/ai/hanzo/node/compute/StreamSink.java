package ai.hanzo.node.compute;

import java.util.List;

/**
 * Where a producer pushes a stream (log lines, exec output) without knowing the transport. Calls must come from
 * one thread at a time. {@link #isReady()} false means the consumer is behind: the producer stops writing and
 * resumes when the callback given to {@link #whenReady} runs, so a slow client never makes the node buffer
 * without bound.
 */
public interface StreamSink<T> {
  boolean isReady();

  /** Runs {@code callback} (on a transport thread: it must only schedule work) when the sink is ready again. */
  void whenReady(Runnable callback);

  void next(T value);

  /** Several values in order; a sink that can pass them on in one go (one hop to its transport) overrides this. */
  default void nextAll(List<T> values) {
    values.forEach(this::next);
  }

  void complete();

  void fail(RuntimeException error);
}
