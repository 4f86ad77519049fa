package ai.hanzo.node.storage;

import java.time.Clock;
import java.time.Instant;

/**
 * What the last storage calls say about the database, for the node's {@code storage} health check. Corruption is
 * kept until the node restarts (RocksDB does not repair it); a full disk or another write error lasts until a write
 * succeeds again (RocksDB resumes by itself once space returns).
 */
public final class StorageHealth {
  /** The database's condition, worst last. */
  public enum Condition { OK, DISK_FULL, FAILING, CORRUPT }

  /** @param since when the condition was first seen ({@code null} for OK) */
  public record Status(Condition condition, String reason, Instant since) {
    static final Status OK = new Status(Condition.OK, "ok", null);
  }

  private final Clock clock;
  private volatile Status writes = Status.OK;
  private volatile Status corruption;

  StorageHealth(Clock clock) {
    this.clock = clock;
  }

  /** Corruption first, else the state of writes. */
  public Status status() {
    Status corrupt = corruption;
    return corrupt != null ? corrupt : writes;
  }

  void failed(StorageException e) {
    switch (e.code()) {
      case CORRUPT -> {
        if (corruption == null) {
          corruption = new Status(Condition.CORRUPT, e.getMessage(), clock.instant());
        }
      }
      case DISK_FULL -> writes = since(Condition.DISK_FULL, e);
      case IO -> writes = since(Condition.FAILING, e);
      default -> { } // CLOSED, LOCKED, format problems say nothing about the data's health
    }
  }

  void wrote() {
    if (writes != Status.OK) {
      writes = Status.OK;
    }
  }

  private Status since(Condition condition, StorageException e) {
    Status current = writes;
    return new Status(condition, e.getMessage(),
        current.condition() == condition ? current.since() : clock.instant());
  }
}
