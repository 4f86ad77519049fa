package ai.hanzo.node.runtime;

/** Receives the lines of a log subscription, on a thread of the runtime. */
@FunctionalInterface
public interface LogConsumer {
  void onEntry(LogEntry entry);
}
