package ai.hanzo.node.qos;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Counts verified failed results per provider until {@code quorum} distinct challengers agree within {@code
 * window}: then it hands out the evidence and forgets those failures, so the next evidence needs fresh ones. Each
 * challenger counts once per provider (its newest failure), so one node reporting many failures is still one
 * voice. Bounded: at most {@code maxProviders} providers are watched (the least recently reported is dropped), each
 * with fewer than {@code quorum} failures. Not thread-safe: one thread feeds it.
 */
public final class FailureQuorum {
  /** The largest quorum: evidence stays small (at most this many signed results). */
  public static final int MAX_QUORUM = 8;

  private final int quorum;
  private final Duration window;
  private final int maxProviders;
  private final Clock clock;
  private final LinkedHashMap<String, LinkedHashMap<String, SignedResult>> pending =
      new LinkedHashMap<>(16, 0.75f, true);

  public FailureQuorum(int quorum, Duration window, int maxProviders, Clock clock) {
    if (quorum < 1 || quorum > MAX_QUORUM) {
      throw new IllegalArgumentException("the quorum must be 1 to " + MAX_QUORUM + ", was " + quorum);
    }
    this.quorum = quorum;
    this.window = window;
    this.maxProviders = maxProviders;
    this.clock = clock;
  }

  public int quorum() {
    return quorum;
  }

  /**
   * Adds {@code result}, which must already be verified ({@link ResultVerifier}) and come from a challenger whose
   * word counts (staked); answers the evidence when it completes a quorum. Passes are ignored.
   */
  public Optional<SlashEvidence> add(SignedResult result) {
    if (result.passed()) {
      return Optional.empty();
    }
    Challenge c = result.challenge().challenge();
    Instant oldest = clock.instant().minus(window);
    if (result.reportedAt().isBefore(oldest)) {
      return Optional.empty();
    }
    LinkedHashMap<String, SignedResult> failures = pending.computeIfAbsent(c.provider(), p -> new LinkedHashMap<>());
    failures.values().removeIf(r -> r.reportedAt().isBefore(oldest));
    failures.remove(c.challenger());
    failures.put(c.challenger(), result);
    if (failures.size() >= quorum) {
      pending.remove(c.provider());
      List<SignedResult> agreed = new ArrayList<>(failures.values());
      return Optional.of(new SlashEvidence(c.provider(), agreed.subList(agreed.size() - quorum, agreed.size())));
    }
    trim();
    return Optional.empty();
  }

  /** Providers with failures pending. */
  public int watched() {
    return pending.size();
  }

  private void trim() {
    Iterator<Map.Entry<String, LinkedHashMap<String, SignedResult>>> eldest = pending.entrySet().iterator();
    while (pending.size() > maxProviders && eldest.hasNext()) {
      eldest.next();
      eldest.remove();
    }
  }
}
