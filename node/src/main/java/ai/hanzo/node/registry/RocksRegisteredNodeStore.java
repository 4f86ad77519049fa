package ai.hanzo.node.registry;

import ai.hanzo.node.storage.RegisteredNodeRecordStore;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Registrations in the node database, so registered nodes, their challenges and queued commands survive a
 * restart. The database opens after the registry is built, hence the supplier; it is asked on every call.
 */
public final class RocksRegisteredNodeStore implements RegisteredNodeStore {
  private final Supplier<RegisteredNodeRecordStore> records;

  public RocksRegisteredNodeStore(Supplier<RegisteredNodeRecordStore> records) {
    this.records = records;
  }

  @Override
  public Optional<RegisteredNode> get(String nodeId) {
    return store().get(nodeId).map(StoredNodes::fromRecord);
  }

  @Override
  public void put(RegisteredNode node) {
    store().put(StoredNodes.toRecord(node));
  }

  @Override
  public Optional<RegisteredNode> update(String nodeId, UnaryOperator<RegisteredNode> change) {
    return store().update(nodeId, r -> StoredNodes.toRecord(change.apply(StoredNodes.fromRecord(r))))
        .map(StoredNodes::fromRecord);
  }

  @Override
  public List<RegisteredNode> list() {
    return store().list().stream().map(StoredNodes::fromRecord).toList();
  }

  @Override
  public int size() {
    return store().list().size();
  }

  private RegisteredNodeRecordStore store() {
    RegisteredNodeRecordStore store = records.get();
    if (store == null) {
      throw new IllegalStateException("the node database is not open yet");
    }
    return store;
  }
}
