package ai.hanzo.node.storage;

/** An entry of a time-ordered log with its position, to continue a page after it. */
public record LogEntry<T>(LogPosition position, T value) {
}
