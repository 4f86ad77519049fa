package ai.hanzo.node.storage;

import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/** A write batch bound to one column family, so stores never see the handle. */
final class WriteBatchTarget {
  private final WriteBatch batch;
  private final ColumnFamilyHandle handle;

  WriteBatchTarget(WriteBatch batch, ColumnFamilyHandle handle) {
    this.batch = batch;
    this.handle = handle;
  }

  void put(byte[] key, byte[] value) {
    try {
      batch.put(handle, key, value);
    } catch (RocksDBException e) {
      throw RocksErrors.translate("adding a write to a batch", e);
    }
  }

  void delete(byte[] key) {
    try {
      batch.delete(handle, key);
    } catch (RocksDBException e) {
      throw RocksErrors.translate("adding a delete to a batch", e);
    }
  }

  void deleteRange(byte[] from, byte[] to) {
    try {
      batch.deleteRange(handle, from, to);
    } catch (RocksDBException e) {
      throw RocksErrors.translate("adding a range delete to a batch", e);
    }
  }
}
