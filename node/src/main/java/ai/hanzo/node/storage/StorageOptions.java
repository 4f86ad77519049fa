package ai.hanzo.node.storage;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How to open the node database.
 *
 * @param dataDir the node's data directory; the database lives in {@code <dataDir>/db}
 * @param metricsRetention how long metric points are kept
 * @param eventRetention how long events are kept
 * @param auditRetention how long audit entries are kept
 * @param retentionInterval how often the retention job runs
 * @param syncWrites whether state writes (deployments, config, peers, keys, audit) are
 *     fsynced before they return; metrics and events are never synced
 * @param clock the time source for retention cut-offs
 */
public record StorageOptions(
    Path dataDir,
    Duration metricsRetention,
    Duration eventRetention,
    Duration auditRetention,
    Duration retentionInterval,
    boolean syncWrites,
    Clock clock) {

  public static final Duration DEFAULT_METRICS_RETENTION = Duration.ofHours(24);
  public static final Duration DEFAULT_EVENT_RETENTION = Duration.ofHours(24);
  public static final Duration DEFAULT_AUDIT_RETENTION = Duration.ofDays(30);
  public static final Duration DEFAULT_RETENTION_INTERVAL = Duration.ofMinutes(1);

  public StorageOptions {
    Objects.requireNonNull(dataDir, "dataDir");
    requirePositive(metricsRetention, "metricsRetention");
    requirePositive(eventRetention, "eventRetention");
    requirePositive(auditRetention, "auditRetention");
    requirePositive(retentionInterval, "retentionInterval");
    Objects.requireNonNull(clock, "clock");
  }

  /** The defaults: 24 h of metrics and events, 30 days of audit, synced writes, system UTC clock. */
  public static StorageOptions defaults(Path dataDir) {
    return new StorageOptions(
        dataDir,
        DEFAULT_METRICS_RETENTION,
        DEFAULT_EVENT_RETENTION,
        DEFAULT_AUDIT_RETENTION,
        DEFAULT_RETENTION_INTERVAL,
        true,
        Clock.systemUTC());
  }

  public Path dbDir() {
    return dataDir.resolve("db");
  }

  public StorageOptions withSyncWrites(boolean sync) {
    return new StorageOptions(
        dataDir, metricsRetention, eventRetention, auditRetention, retentionInterval, sync, clock);
  }

  public StorageOptions withMetricsRetention(Duration retention) {
    return new StorageOptions(
        dataDir, retention, eventRetention, auditRetention, retentionInterval, syncWrites, clock);
  }

  public StorageOptions withClock(Clock newClock) {
    return new StorageOptions(
        dataDir, metricsRetention, eventRetention, auditRetention, retentionInterval, syncWrites,
        newClock);
  }

  private static void requirePositive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + duration);
    }
  }
}
