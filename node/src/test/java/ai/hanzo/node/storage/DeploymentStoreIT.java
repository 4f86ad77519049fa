package ai.hanzo.node.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DeploymentStoreIT extends DatabaseFixture {

  @Test
  void putsGetsListsAndDeletes() {
    DeploymentStore store = db().deployments();
    store.put(SampleRecords.deployment("b"));
    store.put(SampleRecords.deployment("a"));

    assertThat(store.get("a")).contains(SampleRecords.deployment("a"));
    assertThat(store.get("missing")).isEmpty();
    assertThat(store.list()).extracting(DeploymentRecord::id).containsExactly("a", "b");

    assertThat(store.delete("a")).isTrue();
    assertThat(store.delete("a")).isFalse();
    assertThat(store.list()).extracting(DeploymentRecord::id).containsExactly("b");
  }

  @Test
  void keepsRecordsAcrossReopen() {
    DeploymentRecord large = withSpec(SampleRecords.deployment("big"), "x".repeat(200_000));
    db().deployments().put(large);

    assertThat(reopen().deployments().get("big")).contains(large);
  }

  @Test
  void updateAppliesTheChangeOrReportsAMissingDeployment() {
    DeploymentStore store = db().deployments();
    store.put(SampleRecords.deployment("d"));

    assertThat(store.update("d", d -> withGeneration(d, 7))).map(DeploymentRecord::generation)
        .contains(7L);
    assertThat(store.update("missing", d -> withGeneration(d, 7))).isEmpty();
    assertThat(reopen().deployments().get("d")).map(DeploymentRecord::generation).contains(7L);
  }

  @Test
  void updateRefusesToChangeTheId() {
    DeploymentStore store = db().deployments();
    store.put(SampleRecords.deployment("d"));

    assertThatThrownBy(() -> store.update("d", d -> SampleRecords.deployment("other")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("same id");
    assertThat(store.get("other")).isEmpty();
  }

  @Test
  void concurrentUpdatesAreNotLost() throws Exception {
    syncWrites = false;
    DeploymentStore store = db().deployments();
    store.put(withGeneration(SampleRecords.deployment("d"), 0));
    int threads = 4;
    int updatesPerThread = 50;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < updatesPerThread; i++) {
                    store.update("d", d -> withGeneration(d, d.generation() + 1));
                  }
                }));
      }
      for (Future<?> future : futures) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(store.get("d")).map(DeploymentRecord::generation)
        .contains((long) threads * updatesPerThread);
  }

  @Test
  void aCorruptValueIsReportedWithItsFamilyAndKey() throws Exception {
    db().deployments().put(SampleRecords.deployment("good"));
    closeDb();
    RawRocks.put(dbDir(), "deployments", "bad", new byte[] {1, 0, 0, 0x7f, (byte) 0xff});

    DeploymentStore store = db().deployments();
    assertThatThrownBy(() -> store.get("bad"))
        .isInstanceOfSatisfying(
            StorageException.class,
            e -> {
              assertThat(e.code()).isEqualTo(StorageErrorCode.CORRUPT);
              assertThat(e.getMessage()).contains("'deployments'").contains("'bad'");
            });
    assertThatThrownBy(store::list).isInstanceOf(StorageException.class);
    assertThat(store.get("good")).isPresent();
  }

  @Test
  void aValueOfANewerSchemaIsReportedAsTooNew() throws Exception {
    db();
    closeDb();
    RawRocks.put(dbDir(), "deployments", "future", new byte[] {2, 9, 9, 9});

    assertThatThrownBy(() -> db().deployments().get("future"))
        .isInstanceOfSatisfying(
            StorageException.class,
            e -> assertThat(e.code()).isEqualTo(StorageErrorCode.FORMAT_TOO_NEW));
  }

  @Test
  void rejectsIdsThatCannotBeKeys() {
    assertThatThrownBy(() -> db().deployments().get(""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SampleRecords.deployment("a\0b"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static DeploymentRecord withGeneration(DeploymentRecord d, long generation) {
    return new DeploymentRecord(d.id(), d.name(), d.specJson(), d.environment(), d.labels(),
        d.desiredState(), generation, d.createdAt(), d.updatedAt());
  }

  private static DeploymentRecord withSpec(DeploymentRecord d, String spec) {
    return new DeploymentRecord(d.id(), d.name(), spec, Map.of(), d.labels(), d.desiredState(),
        d.generation(), d.createdAt(), d.updatedAt());
  }
}
