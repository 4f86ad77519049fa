package ai.hanzo.node.runtime;

import java.time.Instant;

/** One line a container wrote (without its line terminator), stamped when the runtime read it. */
public record LogEntry(Instant timestamp, LogStream stream, String line) {}
