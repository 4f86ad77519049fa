package ai.hanzo.node.p2p.placement;

import ai.hanzo.node.error.ErrorCode;

/**
 * Where the serialized output of one {@code /hanzo/deploy-exec/1.0.0} session goes: on the target, the stream to the
 * placing node; on the placing node, its own caller's stream. {@link #isReady()} false means the far side is not
 * reading: the producer registers {@link #whenReady} and waits instead of writing, so no end buffers without bound.
 */
public interface ExecSink {
  boolean isReady();

  /** {@code callback} runs once, when the sink has room again (any thread); the last one given wins. */
  void whenReady(Runnable callback);

  /** A serialized {@code hanzo.node.v1.ExecOutput}. */
  void next(byte[] output);

  void complete();

  void fail(ErrorCode code, String message);
}
