package ai.hanzo.node.app;

import ai.hanzo.node.metrics.HealthCheck;
import ai.hanzo.node.metrics.HealthLevel;
import ai.hanzo.node.storage.StorageHealth;

/**
 * The {@code storage} health check: DEGRADED while the disk is full or writes fail (the node serves reads and
 * resumes writing by itself once space returns), UNHEALTHY once corruption was found (it needs an operator).
 */
final class StorageHealthCheck implements HealthCheck {
  private final StorageHealth health;

  StorageHealthCheck(StorageHealth health) {
    this.health = health;
  }

  @Override
  public String name() {
    return "storage";
  }

  @Override
  public Result check() {
    StorageHealth.Status status = health.status();
    return switch (status.condition()) {
      case OK -> Result.healthy();
      case DISK_FULL -> new Result(HealthLevel.DEGRADED, "disk full since " + status.since()
          + ", writes are refused until space is freed: " + status.reason());
      case FAILING -> new Result(HealthLevel.DEGRADED, "writes failing since " + status.since() + ": "
          + status.reason());
      case CORRUPT -> new Result(HealthLevel.UNHEALTHY, "corruption found at " + status.since() + ": "
          + status.reason() + " (see the README's 'Recovering from storage corruption')");
    };
  }
}
