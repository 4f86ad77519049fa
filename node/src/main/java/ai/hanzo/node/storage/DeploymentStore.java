package ai.hanzo.node.storage;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Deployments by id. Writes are synced to disk before they return when {@link
 * StorageOptions#syncWrites()} is on, so an acknowledged deployment survives a crash.
 */
public final class DeploymentStore {
  private final KeyedRecordStore<DeploymentRecord> records;

  DeploymentStore(ColumnFamilyStore family) {
    this.records = new KeyedRecordStore<>(family, new DeploymentRecordCodec(), DeploymentRecord::id);
  }

  public void put(DeploymentRecord record) {
    records.put(record);
  }

  public Optional<DeploymentRecord> get(String id) {
    return records.get(id);
  }

  /** All deployments, ordered by id. */
  public List<DeploymentRecord> list() {
    return records.list();
  }

  /** Returns whether the deployment existed. */
  public boolean delete(String id) {
    return records.delete(id);
  }

  /**
   * Atomically replaces the deployment with {@code change} applied to its current value; empty if
   * there is no such deployment. {@code change} may run more than once under contention and must
   * return a record with the same id.
   */
  public Optional<DeploymentRecord> update(String id, UnaryOperator<DeploymentRecord> change) {
    return records.update(id, change);
  }
}
