package ai.hanzo.node.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.api.mapping.ErrorMapper;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.metrics.HealthCheck;
import ai.hanzo.node.metrics.HealthLevel;
import ai.hanzo.node.storage.DeploymentRecord;
import ai.hanzo.node.storage.NodeDatabase;
import ai.hanzo.node.storage.StorageErrorCode;
import ai.hanzo.node.storage.StorageException;
import ai.hanzo.node.storage.StorageOptions;
import ai.hanzo.node.testing.SmallVolume;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A damaged or full database shows in the node's {@code storage} health check with the reason, and its errors reach
 * callers as UNAVAILABLE / RESOURCE_EXHAUSTED instead of a bare internal error; after a full disk the database
 * resumes writing by itself once space is freed, even on a volume smaller than RocksDB's default disk buffer.
 */
class StorageHealthIT {
  private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void aDamagedSstMakesStorageUnhealthyAndItsReadsUnavailable(@TempDir Path dataDir) throws Exception {
    try (NodeDatabase db = NodeDatabase.open(StorageOptions.defaults(dataDir))) {
      db.config().put("undamaged", "yes");
      for (int i = 0; i < 2000; i++) {
        db.deployments().put(deployment("d" + i));
      }
    }
    // Written to the WAL only; the next open replays it into SST files.
    NodeDatabase.open(StorageOptions.defaults(dataDir)).close();
    Path sst = largestSst(dataDir.resolve("db"));
    flipBytes(sst, 200, 64); // inside the first data block: opening reads only footers, indexes and properties

    try (NodeDatabase db = NodeDatabase.open(StorageOptions.defaults(dataDir))) {
      StorageHealthCheck check = new StorageHealthCheck(db.health());
      await().atMost(Duration.ofSeconds(30)).until(() -> check.check().level() == HealthLevel.UNHEALTHY);
      assertThat(check.check().detail()).contains("corruption").containsIgnoringCase("checksum")
          .contains("Recovering from storage corruption");

      StorageException read = catchThrowableOfType(StorageException.class, () -> db.deployments().list());
      assertThat(read.code()).isEqualTo(StorageErrorCode.CORRUPT);
      NodeException mapped = ErrorMapper.toNodeException(read);
      assertThat(mapped.code()).isEqualTo(ErrorCode.UNAVAILABLE);
      assertThat(mapped.getMessage()).contains("database is damaged");
      assertThat(db.config().get("undamaged")).as("undamaged data stays readable").contains("yes");
    }
  }

  @Test
  void aFullSmallVolumeDegradesHealthAndWritesResumeOnceSpaceIsFreed(@TempDir Path tmp) throws Exception {
    SmallVolume small = SmallVolume.mountOrSkip(tmp.resolve("volume"), 20);
    Path volume = small.path();
    try {
      try (NodeDatabase db = NodeDatabase.open(StorageOptions.defaults(volume.resolve("data")))) {
        HealthCheck check = new StorageHealthCheck(db.health());
        Path filler = small.fill("filler");
        StorageException full = null;
        for (int i = 0; i < 200_000 && full == null; i++) {
          try {
            db.deployments().put(deployment("full-" + i));
          } catch (StorageException e) {
            full = e;
          }
        }
        assertThat(full).as("a write fails once the disk is full").isNotNull();
        assertThat(full.code()).as(full.getMessage()).isEqualTo(StorageErrorCode.DISK_FULL);
        NodeException mapped = ErrorMapper.toNodeException(full);
        assertThat(mapped.code()).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED);
        assertThat(mapped.getMessage()).contains("disk is full");
        assertThat(check.check().level()).isEqualTo(HealthLevel.DEGRADED);
        assertThat(check.check().detail()).contains("disk full");

        Files.delete(filler);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
            .untilAsserted(() -> db.deployments().put(deployment("after")));
        assertThat(db.deployments().get("after")).isPresent();
        assertThat(check.check().level()).isEqualTo(HealthLevel.HEALTHY);
      }
    } finally {
      small.close();
    }
  }

  private static DeploymentRecord deployment(String id) {
    return new DeploymentRecord(id, "web-" + id, "{\"services\":{\"web\":{\"image\":\"process\"}}}",
        Map.of("PORT", "8080"), Map.of("team", "edge"), "RUNNING", 1, AT, AT);
  }

  private static Path largestSst(Path dbDir) throws IOException {
    try (Stream<Path> files = Files.list(dbDir)) {
      List<Path> ssts = files.filter(p -> p.toString().endsWith(".sst")).toList();
      assertThat(ssts).as("SST files in " + dbDir).isNotEmpty();
      return ssts.stream().max(Comparator.comparingLong(StorageHealthIT::size)).orElseThrow();
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void flipBytes(Path file, int offset, int length) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    for (int i = offset; i < offset + length; i++) {
      bytes[i] ^= (byte) 0xff;
    }
    Files.write(file, bytes);
  }
}
