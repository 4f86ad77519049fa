package ai.hanzo.node.runtime;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects the entries a log subscription delivers. */
public final class RecordingLogConsumer implements LogConsumer {
  private final List<LogEntry> entries = new CopyOnWriteArrayList<>();

  @Override
  public void onEntry(LogEntry entry) {
    entries.add(entry);
  }

  public List<LogEntry> entries() {
    return entries;
  }

  public List<String> lines() {
    return entries.stream().map(LogEntry::line).toList();
  }
}
