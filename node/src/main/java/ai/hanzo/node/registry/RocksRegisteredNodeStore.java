package ai.hanzo.node.registry;

import ai.hanzo.node.storage.RegisteredNodeRecordStore;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Registrations in the node database, so registered nodes, their challenges and queued commands survive a
 * restart.
 */
public final class RocksRegisteredNodeStore implements RegisteredNodeStore {
  private final RegisteredNodeRecordStore records;

  public RocksRegisteredNodeStore(RegisteredNodeRecordStore records) {
    this.records = records;
  }

  @Override
  public Optional<RegisteredNode> get(String nodeId) {
    return records.get(nodeId).map(StoredNodes::fromRecord);
  }

  @Override
  public void put(RegisteredNode node) {
    records.put(StoredNodes.toRecord(node));
  }

  @Override
  public Optional<RegisteredNode> update(String nodeId, UnaryOperator<RegisteredNode> change) {
    return records.update(nodeId, r -> StoredNodes.toRecord(change.apply(StoredNodes.fromRecord(r))))
        .map(StoredNodes::fromRecord);
  }

  @Override
  public List<RegisteredNode> list() {
    return records.list().stream().map(StoredNodes::fromRecord).toList();
  }

  @Override
  public int size() {
    return records.list().size();
  }
}
