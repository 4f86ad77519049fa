package ai.hanzo.node.inference;

/** Why a generation ended; the lower-case names are the API's {@code finish_reason}. */
public enum FinishReason {
  /** The model ended its text or a stop sequence appeared. */
  STOP,
  /** {@code max_tokens} were generated. */
  LENGTH,
  /** The caller cancelled (its client went away). */
  CANCELLED
}
