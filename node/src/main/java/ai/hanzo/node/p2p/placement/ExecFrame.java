package ai.hanzo.node.p2p.placement;

import ai.hanzo.node.error.ErrorCode;

/** One message of the target on {@code /hanzo/deploy-exec/1.0.0}. */
public sealed interface ExecFrame {
  /** A serialized {@code hanzo.node.v1.ExecOutput}; the last one has {@code done} and the exit code. */
  record Output(byte[] output) implements ExecFrame {
    public Output {
      output = output.clone();
    }

    @Override
    public byte[] output() {
      return output.clone();
    }
  }

  /** The target refused or the exec failed: the last frame. */
  record Refused(ErrorCode code, String message) implements ExecFrame {}
}
