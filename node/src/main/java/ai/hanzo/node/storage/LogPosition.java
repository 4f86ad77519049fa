package ai.hanzo.node.storage;

/**
 * Where one entry sits in a time-ordered log: its millisecond and its sequence number. Unique per entry, so a page
 * that stopped at a position resumes exactly after it, however many entries share the millisecond.
 */
public record LogPosition(long epochMillis, long sequence) {
}
