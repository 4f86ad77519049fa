package ai.hanzo.node.iam;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Token buckets by key, each refilled greedily per minute. Bounded: past {@code maxKeys} the map
 * is cleared, so a flood of distinct keys (spoofed identities, many addresses) costs bounded memory;
 * the price is that limits restart from full for everyone at that moment.
 */
final class BucketMap {
  private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final TimeMeter time;
  private final int maxKeys;

  BucketMap(TimeMeter time, int maxKeys) {
    this.time = time;
    this.maxKeys = maxKeys;
  }

  Bucket bucket(String key, int perMinute) {
    if (buckets.size() >= maxKeys && !buckets.containsKey(key)) {
      buckets.clear();
    }
    return buckets.computeIfAbsent(key + "#" + perMinute, k -> Bucket.builder()
        .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
        .withCustomTimePrecision(time)
        .build());
  }
}
