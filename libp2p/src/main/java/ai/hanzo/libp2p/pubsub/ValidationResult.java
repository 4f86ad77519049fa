package ai.hanzo.libp2p.pubsub;

/** A validator's verdict on a message. */
public enum ValidationResult {
  /** Deliver and forward. */
  ACCEPT,
  /** Drop and penalize the sender (invalid message, P4). */
  REJECT,
  /** Drop without penalty (e.g. not useful to us right now). */
  IGNORE
}
