package ai.hanzo.node.storage;

import java.util.List;
import java.util.Optional;

/** API keys by id; they survive restarts like every other state of the node. */
public final class ApiKeyStore {
  private final KeyedRecordStore<ApiKeyRecord> records;

  ApiKeyStore(ColumnFamilyStore family) {
    this.records = new KeyedRecordStore<>(family, new ApiKeyRecordCodec(), ApiKeyRecord::id);
  }

  public void put(ApiKeyRecord record) {
    records.put(record);
  }

  public Optional<ApiKeyRecord> get(String id) {
    return records.get(id);
  }

  /** All keys, revoked ones included, ordered by id. */
  public List<ApiKeyRecord> list() {
    return records.list();
  }

  /** Marks the key inactive; returns the revoked record, or empty if there is no such key. */
  public Optional<ApiKeyRecord> revoke(String id) {
    return records.update(id, ApiKeyRecord::revoked);
  }
}
