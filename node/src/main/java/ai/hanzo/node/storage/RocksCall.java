package ai.hanzo.node.storage;

import org.rocksdb.RocksDBException;

/** A call into RocksDB, run by {@link DatabaseGuard} while the database is known to be open. */
@FunctionalInterface
interface RocksCall<T> {
  T call() throws RocksDBException;
}
