package ai.hanzo.node.p2p.placement;

import ai.hanzo.node.error.ErrorCode;

/** One message of the target on {@code /hanzo/deploy-logs/1.0.0}. */
public sealed interface LogsFrame {
  /** A serialized {@code hanzo.node.v1.LogEntry}. */
  record Entry(byte[] entry) implements LogsFrame {
    public Entry {
      entry = entry.clone();
    }

    @Override
    public byte[] entry() {
      return entry.clone();
    }
  }

  /** The target refused or the logs failed: the last frame. */
  record Refused(ErrorCode code, String message) implements LogsFrame {}
}
