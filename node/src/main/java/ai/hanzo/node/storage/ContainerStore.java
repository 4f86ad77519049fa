package ai.hanzo.node.storage;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Containers by id, with their runtime identity (pid, pid start time) for re-adoption. */
public final class ContainerStore {
  private final KeyedRecordStore<ContainerRecord> records;

  ContainerStore(ColumnFamilyStore family) {
    this.records = new KeyedRecordStore<>(family, new ContainerRecordCodec(), ContainerRecord::id);
  }

  public void put(ContainerRecord record) {
    records.put(record);
  }

  public Optional<ContainerRecord> get(String id) {
    return records.get(id);
  }

  /** All containers, ordered by id. */
  public List<ContainerRecord> list() {
    return records.list();
  }

  /**
   * The containers of one deployment, ordered by id. A node holds at most a few thousand
   * containers, so this filters a full scan rather than keeping a second index in step.
   */
  public List<ContainerRecord> listByDeployment(String deploymentId) {
    return records.list().stream().filter(c -> c.deploymentId().equals(deploymentId)).toList();
  }

  /** Returns whether the container existed. */
  public boolean delete(String id) {
    return records.delete(id);
  }

  /** Atomically applies {@code change} to the container; see {@link DeploymentStore#update}. */
  public Optional<ContainerRecord> update(String id, UnaryOperator<ContainerRecord> change) {
    return records.update(id, change);
  }
}
