package ai.hanzo.libp2p.kad;

import ai.hanzo.libp2p.kad.record.Validators;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything a {@link KadDht} is built from.
 *
 * @param k bucket size and how many closest peers a lookup returns and stores at
 * @param alpha requests a lookup keeps in flight
 * @param requestTimeout one request to one peer, stream opening included
 * @param maxMessageSize largest DHT message we read (64 KiB to 4 MiB)
 * @param recordTtl how long we keep a record someone stored with us
 * @param providerTtl how long a provider announcement is valid
 * @param republishInterval how often we re-announce what we provide (well below providerTtl)
 * @param refreshInterval how often stale buckets are refreshed by a random lookup
 * @param addressFilter which addresses we hand out in answers
 */
public record KadConfig(DhtMode mode, int k, int alpha, Duration requestTimeout,
    int maxMessageSize, Duration recordTtl, Duration providerTtl, Duration republishInterval,
    Duration refreshInterval, AddressFilter addressFilter, Validators validators,
    int maxRecords, int maxProviderKeys) {
  public static final int MIN_MESSAGE_SIZE = 64 * 1024;
  public static final int MAX_MESSAGE_SIZE = 4 * 1024 * 1024;

  public KadConfig {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(addressFilter, "addressFilter");
    Objects.requireNonNull(validators, "validators");
    if (k < 1 || alpha < 1) {
      throw new IllegalArgumentException("k and alpha must be at least 1, got " + k + ", " + alpha);
    }
    if (maxMessageSize < MIN_MESSAGE_SIZE || maxMessageSize > MAX_MESSAGE_SIZE) {
      throw new IllegalArgumentException("maxMessageSize must be within " + MIN_MESSAGE_SIZE
          + ".." + MAX_MESSAGE_SIZE + " bytes, got " + maxMessageSize);
    }
    for (Duration d : new Duration[] {requestTimeout, recordTtl, providerTtl, republishInterval,
        refreshInterval}) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("DHT durations must be positive, got " + d);
      }
    }
  }

  /**
   * Server mode, k=20, alpha=3, 10 s requests, 1 MiB messages, records kept 36 h, provider
   * records 48 h republished every 22 h, buckets refreshed every 10 minutes, public addresses
   * only.
   */
  public static KadConfig defaults() {
    return new KadConfig(DhtMode.SERVER, 20, 3, Duration.ofSeconds(10), 1024 * 1024,
        Duration.ofHours(36), Duration.ofHours(48), Duration.ofHours(22), Duration.ofMinutes(10),
        AddressFilter.PUBLIC_ONLY, Validators.defaults(), 10_000, 100_000);
  }

  public KadConfig withMode(DhtMode m) {
    return new KadConfig(m, k, alpha, requestTimeout, maxMessageSize, recordTtl, providerTtl,
        republishInterval, refreshInterval, addressFilter, validators, maxRecords,
        maxProviderKeys);
  }

  public KadConfig withAddressFilter(AddressFilter filter) {
    return new KadConfig(mode, k, alpha, requestTimeout, maxMessageSize, recordTtl, providerTtl,
        republishInterval, refreshInterval, filter, validators, maxRecords, maxProviderKeys);
  }

  public KadConfig withRequestTimeout(Duration timeout) {
    return new KadConfig(mode, k, alpha, timeout, maxMessageSize, recordTtl, providerTtl,
        republishInterval, refreshInterval, addressFilter, validators, maxRecords,
        maxProviderKeys);
  }

  public KadConfig withIntervals(Duration republish, Duration refresh) {
    return new KadConfig(mode, k, alpha, requestTimeout, maxMessageSize, recordTtl, providerTtl,
        republish, refresh, addressFilter, validators, maxRecords, maxProviderKeys);
  }
}
