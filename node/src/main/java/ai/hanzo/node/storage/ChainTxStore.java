package ai.hanzo.node.storage;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The journal of transactions this node signed, by hash. Writes are synced: a record the sender wrote before
 * broadcasting survives {@code kill -9} and power loss, which is what lets the node resume it instead of sending
 * it again.
 */
public final class ChainTxStore {
  private final KeyedRecordStore<ChainTxRecord> records;

  ChainTxStore(ColumnFamilyStore family) {
    this.records = new KeyedRecordStore<>(family, new ChainTxRecordCodec(), ChainTxRecord::hash);
  }

  public void put(ChainTxRecord record) {
    records.put(record);
  }

  public Optional<ChainTxRecord> get(String hash) {
    return records.get(hash);
  }

  /** Every journaled transaction, ordered by hash. */
  public List<ChainTxRecord> list() {
    return records.list();
  }

  public Optional<ChainTxRecord> update(String hash, UnaryOperator<ChainTxRecord> change) {
    return records.update(hash, change);
  }
}
