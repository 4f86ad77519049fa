package ai.hanzo.node.p2p.placement;

import ai.hanzo.node.error.ErrorCode;

/**
 * Where the serialized log entries of one {@code /hanzo/deploy-logs/1.0.0} stream go: on the target, the stream to
 * the placing node; on the placing node, its own caller's stream. {@link #isReady()} false means the far side is not
 * reading: the producer waits for the callback given to {@link #onReady} instead of writing, so no end buffers
 * without bound. Calls are made by one thread at a time.
 */
public interface LogsSink {
  boolean isReady();

  /** {@code callback} runs each time the sink has room again (any thread); the last one given wins. */
  void onReady(Runnable callback);

  /** A serialized {@code hanzo.node.v1.LogEntry}. */
  void next(byte[] entry);

  void complete();

  void fail(ErrorCode code, String message);
}
