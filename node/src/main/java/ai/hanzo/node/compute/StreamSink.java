package ai.hanzo.node.compute;

/**
 * Where a producer pushes a stream (log lines, exec output) without knowing the transport. {@link #isReady()}
 * false means the consumer is behind: a producer buffers at most a bounded amount and then waits or drops.
 */
public interface StreamSink<T> {
  boolean isReady();

  void next(T value);

  void complete();

  void fail(RuntimeException error);
}
