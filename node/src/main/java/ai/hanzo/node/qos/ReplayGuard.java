package ai.hanzo.node.qos;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The challenge ids a provider has answered, each kept until its deadline (after which the challenge is refused as
 * expired anyway), so a replayed challenge is refused and the set stays bounded by the deadline window times the
 * rate limit. Thread-safe.
 */
public final class ReplayGuard {
  private final Clock clock;
  private final int capacity;
  private final Map<String, Instant> seen = new HashMap<>();
  private final PriorityQueue<Map.Entry<String, Instant>> byDeadline =
      new PriorityQueue<>(Map.Entry.comparingByValue());

  public ReplayGuard(Clock clock, int capacity) {
    this.clock = clock;
    this.capacity = capacity;
  }

  public enum Admission { FIRST, REPLAYED, FULL }

  /** Records {@code id} until {@code deadline}; says whether it was new, already seen, or there is no room. */
  public synchronized Admission admit(String id, Instant deadline) {
    Instant now = clock.instant();
    while (!byDeadline.isEmpty() && byDeadline.peek().getValue().isBefore(now)) {
      seen.remove(byDeadline.poll().getKey());
    }
    if (seen.containsKey(id)) {
      return Admission.REPLAYED;
    }
    if (seen.size() >= capacity) {
      return Admission.FULL;
    }
    seen.put(id, deadline);
    byDeadline.add(Map.entry(id, deadline));
    return Admission.FIRST;
  }

  synchronized int size() {
    return seen.size();
  }
}
