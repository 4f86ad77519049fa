package ai.hanzo.node.p2p.inference;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which provider of a model to try first: connected ones before those that need a dial, faster before slower
 * (by the last ping), and none that failed within {@link #FAILURE_MEMORY}, so a node that went away or refuses
 * is not asked again for every request.
 */
public final class ProviderRanking {
  public static final Duration FAILURE_MEMORY = Duration.ofSeconds(60);
  private static final int MAX_REMEMBERED = 4096;

  private final Clock clock;
  private final Map<String, Instant> failedUntil = new ConcurrentHashMap<>();

  public ProviderRanking(Clock clock) {
    this.clock = clock;
  }

  public List<ModelProvider> rank(List<ModelProvider> providers) {
    Instant now = clock.instant();
    failedUntil.values().removeIf(until -> !until.isAfter(now));
    return providers.stream()
        .filter(p -> !failedUntil.containsKey(p.peerId()))
        .sorted(Comparator.comparing((ModelProvider p) -> !p.connected())
            .thenComparing(p -> p.rtt().orElse(Duration.ofDays(1))))
        .toList();
  }

  public void failed(String peerId) {
    if (failedUntil.size() < MAX_REMEMBERED) {
      failedUntil.put(peerId, clock.instant().plus(FAILURE_MEMORY));
    }
  }

  public void succeeded(String peerId) {
    failedUntil.remove(peerId);
  }
}
