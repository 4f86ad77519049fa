package ai.hanzo.node.storage;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Nodes registered with this node's registry, by node id, so registrations and queued commands survive restarts. */
public final class RegisteredNodeRecordStore {
  private final KeyedRecordStore<RegisteredNodeRecord> records;

  RegisteredNodeRecordStore(ColumnFamilyStore family) {
    this.records = new KeyedRecordStore<>(family, new RegisteredNodeRecordCodec(), RegisteredNodeRecord::nodeId);
  }

  public void put(RegisteredNodeRecord record) {
    records.put(record);
  }

  public Optional<RegisteredNodeRecord> get(String nodeId) {
    return records.get(nodeId);
  }

  /** All registered nodes, ordered by node id. */
  public List<RegisteredNodeRecord> list() {
    return records.list();
  }

  /**
   * Atomically applies {@code change}; empty when the node is unknown. {@code change} may run more than once
   * under contention and may throw to abort without writing.
   */
  public Optional<RegisteredNodeRecord> update(String nodeId, UnaryOperator<RegisteredNodeRecord> change) {
    return records.update(nodeId, change);
  }

  /** Returns whether the node was known. */
  public boolean delete(String nodeId) {
    return records.delete(nodeId);
  }
}
