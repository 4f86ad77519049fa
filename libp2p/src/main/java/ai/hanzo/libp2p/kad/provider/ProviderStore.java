package ai.hanzo.libp2p.kad.provider;

import ai.hanzo.libp2p.kad.record.BytesKey;
import ai.hanzo.libp2p.peer.PeerId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who provides which key, each announcement valid for a fixed time (the spec's 48 h) unless the
 * provider announces again. Bounded per key and in keys, so announcements cannot exhaust memory.
 * Thread-safe.
 */
public final class ProviderStore {
  private final Clock clock;
  private final Duration ttl;
  private final int maxKeys;
  private final int maxProvidersPerKey;
  private final Map<BytesKey, Map<PeerId, Instant>> providers = new HashMap<>();

  public ProviderStore(Clock clock, Duration ttl, int maxKeys, int maxProvidersPerKey) {
    this.clock = clock;
    this.ttl = ttl;
    this.maxKeys = maxKeys;
    this.maxProvidersPerKey = maxProvidersPerKey;
  }

  /** Records (or renews) {@code provider} for {@code key}; false when the store is full. */
  public synchronized boolean add(byte[] key, PeerId provider) {
    BytesKey k = new BytesKey(key);
    if (!providers.containsKey(k) && providers.size() >= maxKeys) {
      purgeExpired();
      if (providers.size() >= maxKeys) {
        return false;
      }
    }
    Map<PeerId, Instant> forKey = providers.computeIfAbsent(k, x -> new LinkedHashMap<>());
    if (!forKey.containsKey(provider) && forKey.size() >= maxProvidersPerKey) {
      // The oldest announcement is the least likely to be still true.
      forKey.remove(forKey.keySet().iterator().next());
    }
    forKey.remove(provider);
    forKey.put(provider, clock.instant().plus(ttl));
    return true;
  }

  /** Unexpired providers of {@code key}, most recently announced first. */
  public synchronized List<PeerId> get(byte[] key) {
    Map<PeerId, Instant> forKey = providers.get(new BytesKey(key));
    if (forKey == null) {
      return List.of();
    }
    Instant now = clock.instant();
    List<PeerId> live = new ArrayList<>(forKey.entrySet().stream()
        .filter(e -> now.isBefore(e.getValue())).map(Map.Entry::getKey).toList());
    Collections.reverse(live);
    return live;
  }

  /** Forgets {@code provider} for {@code key} (our own record, once we stop providing it). */
  public synchronized void remove(byte[] key, PeerId provider) {
    BytesKey k = new BytesKey(key);
    Map<PeerId, Instant> forKey = providers.get(k);
    if (forKey != null) {
      forKey.remove(provider);
      if (forKey.isEmpty()) {
        providers.remove(k);
      }
    }
  }

  public synchronized void purgeExpired() {
    Instant now = clock.instant();
    providers.values().forEach(m -> m.values().removeIf(expiry -> !now.isBefore(expiry)));
    providers.values().removeIf(Map::isEmpty);
  }

  public synchronized int keyCount() {
    return providers.size();
  }
}
