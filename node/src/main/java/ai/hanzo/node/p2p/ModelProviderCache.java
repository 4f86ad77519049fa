package ai.hanzo.node.p2p;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The DHT's last answer to "who provides {@code model/<name>}", kept for {@link #TTL}, so a forwarded request does
 * not pay a DHT lookup (~22 ms) each time. Short, because a node that starts serving a model is found sooner through
 * its heartbeat anyway, and one that stops is dropped as soon as it fails or stops announcing it. Bounded: the
 * least recently used model goes first. Only successful, non-empty answers are kept (an empty one would hide a new
 * provider's DHT record for the whole TTL); concurrent askers of one model share a lookup in flight.
 */
final class ModelProviderCache {
  static final Duration TTL = Duration.ofSeconds(15);
  static final int MAX_MODELS = 256;

  private final Function<String, CompletableFuture<List<ProviderView>>> lookup;
  private final Clock clock;
  private final Duration ttl;
  private final int maxModels;
  private final AtomicLong lookups = new AtomicLong();
  /** Access order, for the LRU eviction; guarded by itself. */
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);

  private record Entry(CompletableFuture<List<ProviderView>> providers, Instant expires) {}

  ModelProviderCache(Function<String, CompletableFuture<List<ProviderView>>> lookup, Clock clock, Duration ttl,
      int maxModels) {
    this.lookup = lookup;
    this.clock = clock;
    this.ttl = ttl;
    this.maxModels = maxModels;
  }

  /** The DHT providers of {@code model}: the kept answer while it is fresh, else a new lookup. */
  CompletableFuture<List<ProviderView>> providers(String model) {
    CompletableFuture<List<ProviderView>> asked;
    synchronized (entries) {
      Entry kept = entries.get(model);
      if (kept != null && clock.instant().isBefore(kept.expires())) {
        return kept.providers();
      }
      asked = new CompletableFuture<>();
      entries.put(model, new Entry(asked, clock.instant().plus(ttl)));
      evictBeyondBound();
    }
    lookups.incrementAndGet();
    CompletableFuture<List<ProviderView>> answer;
    try {
      answer = lookup.apply(model);
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    answer.whenComplete((found, error) -> {
      if (error != null || found.isEmpty()) {
        forget(model, asked);
      }
      if (error != null) {
        asked.completeExceptionally(error);
      } else {
        asked.complete(List.copyOf(found));
      }
    });
    return asked;
  }

  /**
   * A forwarded call to {@code peerId} failed: every kept answer that names it is dropped, so the next request
   * looks again (the provider set may have changed with it).
   */
  void failed(String peerId) {
    synchronized (entries) {
      entries.values().removeIf(e -> e.providers().isDone() && !e.providers().isCompletedExceptionally()
          && e.providers().join().stream().anyMatch(p -> p.peerId().equals(peerId)));
    }
  }

  /**
   * {@code peerId}'s heartbeat no longer lists {@code model}: it is dropped from the kept answer (the rest of it
   * stays good; its DHT record may linger, and dropping the whole answer would then mean a lookup per request).
   */
  void stoppedAnnouncing(String model, String peerId) {
    synchronized (entries) {
      Entry kept = entries.get(model);
      if (kept == null || !kept.providers().isDone() || kept.providers().isCompletedExceptionally()) {
        return;
      }
      List<ProviderView> rest = kept.providers().join().stream().filter(p -> !p.peerId().equals(peerId)).toList();
      if (rest.isEmpty()) {
        entries.remove(model);
      } else {
        entries.put(model, new Entry(CompletableFuture.completedFuture(rest), kept.expires()));
      }
    }
  }

  /** DHT lookups made so far (for tests and benchmarks). */
  long lookups() {
    return lookups.get();
  }

  private void forget(String model, CompletableFuture<List<ProviderView>> asked) {
    synchronized (entries) {
      Entry kept = entries.get(model);
      if (kept != null && kept.providers() == asked) {
        entries.remove(model);
      }
    }
  }

  private void evictBeyondBound() {
    Iterator<Map.Entry<String, Entry>> eldest = entries.entrySet().iterator();
    while (entries.size() > maxModels && eldest.hasNext()) {
      eldest.next();
      eldest.remove();
    }
  }
}
