package ai.hanzo.node.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

class NodeDatabaseIT extends DatabaseFixture {

  @Test
  void createsTheDatabaseWithItsMarkerAndReopensIt() {
    db().config().put("node.id", "node-1");
    reopen();

    assertThat(db().config().get("node.id")).contains("node-1");
    assertThat(Files.isRegularFile(dbDir().resolve("CURRENT"))).isTrue();
  }

  @Test
  void closeIsIdempotentAndLaterCallsFailAsClosed() {
    NodeDatabase database = NodeDatabase.open(options());
    database.close();
    database.close();

    assertThatThrownBy(() -> database.config().get("node.id"))
        .isInstanceOfSatisfying(
            StorageException.class, e -> assertThat(e.code()).isEqualTo(StorageErrorCode.CLOSED));
  }

  @Test
  void aSecondOpenOfTheSameDatabaseIsRefusedAsLocked() {
    db();

    assertThatThrownBy(() -> NodeDatabase.open(options()))
        .isInstanceOfSatisfying(
            StorageException.class, e -> assertThat(e.code()).isEqualTo(StorageErrorCode.LOCKED));
    assertThat(db().config().get("anything")).isEmpty();
  }

  @Test
  void refusesANewerFormatAndLeavesTheDirectoryUntouched() throws Exception {
    db().config().put("node.id", "node-1");
    closeDb();
    RawRocks.put(dbDir(), "config", DatabaseFormat.VERSION_KEY, "2".getBytes(StandardCharsets.UTF_8));
    DirectorySnapshot before = DirectorySnapshot.of(dataDir);

    assertThatThrownBy(() -> NodeDatabase.open(options()))
        .isInstanceOfSatisfying(
            StorageException.class,
            e -> {
              assertThat(e.code()).isEqualTo(StorageErrorCode.FORMAT_TOO_NEW);
              assertThat(e.getMessage()).contains("format 2").contains(dbDir().toString());
            });
    assertThat(DirectorySnapshot.of(dataDir)).isEqualTo(before);
  }

  @Test
  void refusesAnUnreadableFormatVersion() throws Exception {
    db();
    closeDb();
    RawRocks.put(dbDir(), "config", DatabaseFormat.VERSION_KEY, "one".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> NodeDatabase.open(options()))
        .isInstanceOfSatisfying(
            StorageException.class,
            e -> assertThat(e.code()).isEqualTo(StorageErrorCode.CORRUPT));
  }

  @Test
  void refusesAForeignDatabaseWithDataAndLeavesItUntouched() throws Exception {
    RawRocks.put(dbDir(), "default", "someone-else", "value".getBytes(StandardCharsets.UTF_8));
    DirectorySnapshot before = DirectorySnapshot.of(dataDir);

    assertRefusedAsForeign("no hanzo-node format marker");
    assertThat(DirectorySnapshot.of(dataDir)).isEqualTo(before);
  }

  @Test
  void refusesADatabaseWithForeignColumnFamilies() throws Exception {
    RawRocks.put(dbDir(), "orders", "k", new byte[0]);
    DirectorySnapshot before = DirectorySnapshot.of(dataDir);

    assertRefusedAsForeign("[orders]");
    assertThat(DirectorySnapshot.of(dataDir)).isEqualTo(before);
  }

  @Test
  void refusesADbPathThatIsAFile() throws Exception {
    Files.writeString(dbDir(), "not a database");

    assertRefusedAsForeign("is a file");
    assertThat(Files.readString(dbDir())).isEqualTo("not a database");
  }

  @Test
  void refusesANonEmptyDirectoryThatIsNotRocksDb() throws Exception {
    Files.createDirectories(dbDir());
    Files.writeString(dbDir().resolve("notes.txt"), "mine");

    assertRefusedAsForeign("holds no RocksDB database");
    assertThat(Files.list(dbDir()).count()).isEqualTo(1);
  }

  @Test
  void adoptsAnEmptyUnmarkedRocksDbLeftByACrashDuringCreation() throws Exception {
    RawRocks.createEmpty(dbDir(), "config", "deployments");

    db().config().put("node.id", "node-1");
    reopen();

    assertThat(db().config().get("node.id")).contains("node-1");
  }

  @Test
  void runsRetentionOnItsSchedule() {
    retentionInterval = Duration.ofMillis(20);
    db().metrics().record("cpu", START, 1.0);
    clock.advance(Duration.ofDays(2));

    await().atMost(Duration.ofSeconds(30)).until(() -> db().metrics().series().isEmpty());
  }

  @Test
  void usesAGivenSchedulerWithoutShuttingItDown() {
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try {
      NodeDatabase.open(options(), scheduler).close();
      assertThat(scheduler.isShutdown()).isFalse();
    } finally {
      scheduler.shutdownNow();
    }
  }

  private void assertRefusedAsForeign(String reason) {
    assertThatThrownBy(() -> NodeDatabase.open(options()))
        .isInstanceOfSatisfying(
            StorageException.class,
            e -> {
              assertThat(e.code()).isEqualTo(StorageErrorCode.NOT_A_HANZO_DB);
              assertThat(e.getMessage()).contains(reason).contains(dbDir().toString());
            });
  }
}
