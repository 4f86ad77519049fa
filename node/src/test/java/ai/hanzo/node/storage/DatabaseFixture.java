package ai.hanzo.node.storage;

import ai.hanzo.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** A node database in a temporary data directory with a hand-driven clock, closed after each test. */
abstract class DatabaseFixture {
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dataDir;
  final MutableClock clock = new MutableClock(START);
  boolean syncWrites = true;
  Duration retentionInterval = Duration.ofHours(1);
  private NodeDatabase database;

  StorageOptions options() {
    return new StorageOptions(
        dataDir,
        Duration.ofHours(24),
        Duration.ofHours(24),
        Duration.ofDays(30),
        retentionInterval,
        syncWrites,
        clock);
  }

  NodeDatabase db() {
    if (database == null) {
      database = NodeDatabase.open(options());
    }
    return database;
  }

  NodeDatabase reopen() {
    closeDb();
    return db();
  }

  void closeDb() {
    if (database != null) {
      database.close();
      database = null;
    }
  }

  Path dbDir() {
    return dataDir.resolve("db");
  }

  @AfterEach
  void closeDatabase() {
    closeDb();
  }
}
