package ai.hanzo.node.storage;

/** Stable, machine-readable reasons a storage operation failed. */
public enum StorageErrorCode {
  /** The database was written by a newer (or unknown) hanzo-node storage format. */
  FORMAT_TOO_NEW,
  /** The directory holds something that is not a hanzo-node database. */
  NOT_A_HANZO_DB,
  /** Another process (or another open handle in this one) holds the data directory. */
  LOCKED,
  /** A stored value or key could not be decoded. */
  CORRUPT,
  /** The database was already closed. */
  CLOSED,
  /** The disk holding the database is full; RocksDB resumes writing once space is freed. */
  DISK_FULL,
  /** Reading or writing the files failed. */
  IO
}
