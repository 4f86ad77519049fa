package ai.hanzo.node.runtime;

/** Receives the lines of a log subscription, on a thread of the runtime. */
@FunctionalInterface
public interface LogConsumer {
  void onEntry(LogEntry entry);

  /**
   * Whether the consumer can take more lines now. A subscription that reads from files stops reading while this is
   * false and looks again on its next poll, or at once when {@linkplain LogSubscription#wake() woken}: the files are
   * the buffer, so a paused consumer holds no thread and never loses a line. A runtime that cannot pause its source
   * (a remote engine's stream) may deliver regardless.
   */
  default boolean wantsMore() {
    return true;
  }
}
