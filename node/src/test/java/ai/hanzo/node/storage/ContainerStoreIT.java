package ai.hanzo.node.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerStoreIT extends DatabaseFixture {

  @Test
  void putsGetsListsByDeploymentAndDeletes() {
    ContainerStore store = db().containers();
    store.put(SampleRecords.container("c2", "d1"));
    store.put(SampleRecords.container("c1", "d1"));
    store.put(SampleRecords.container("c3", "d2"));

    assertThat(store.get("c1")).contains(SampleRecords.container("c1", "d1"));
    assertThat(store.listByDeployment("d1")).extracting(ContainerRecord::id)
        .containsExactly("c1", "c2");
    assertThat(store.listByDeployment("none")).isEmpty();
    assertThat(store.list()).hasSize(3);

    assertThat(store.delete("c2")).isTrue();
    assertThat(store.listByDeployment("d1")).extracting(ContainerRecord::id).containsExactly("c1");
  }

  @Test
  void keepsOptionalFieldsAcrossReopen() {
    ContainerRecord running =
        new ContainerRecord(
            "c1", "d1", "api", 2, "runc", "runc-c1", "ghcr.io/hanzo/api:1", "EXITED",
            Map.of("hanzo.replica", "2"), SampleRecords.CREATED,
            Instant.parse("2026-01-01T10:16:00Z"), 4242, 987_654_321L, -9);
    db().containers().put(running);
    db().containers().put(SampleRecords.container("c2", "d1"));

    NodeDatabase reopened = reopen();
    assertThat(reopened.containers().get("c1")).contains(running);
    assertThat(reopened.containers().get("c2")).contains(SampleRecords.container("c2", "d1"));
  }

  @Test
  void updateChangesTheStoredContainer() {
    db().containers().put(SampleRecords.container("c1", "d1"));

    db().containers().update("c1", c -> new ContainerRecord(c.id(), c.deploymentId(), c.service(),
        c.replica(), c.runtime(), "rt-1", c.image(), "RUNNING", c.labels(), c.createdAt(),
        SampleRecords.CREATED, 77, 1234, null));

    assertThat(db().containers().get("c1")).get()
        .extracting(ContainerRecord::state, ContainerRecord::pid)
        .containsExactly("RUNNING", 77L);
  }
}
