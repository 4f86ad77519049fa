package ai.hanzo.node.compute;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per container: how often it was restarted, when it may be restarted next, and whether its current exit was
 * already reported. Kept in memory: after a node restart the counts start over, which only makes a crash-looping
 * container retry sooner.
 */
final class RestartTracker {
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  record Entry(int restarts, Instant notBefore, boolean exitReported, boolean seen) {}

  Entry get(String containerId) {
    return entries.getOrDefault(containerId, new Entry(0, Instant.MIN, false, false));
  }

  void put(String containerId, Entry entry) {
    entries.put(containerId, entry);
  }

  int restarts(String containerId) {
    return get(containerId).restarts();
  }

  void forget(String containerId) {
    entries.remove(containerId);
  }
}
