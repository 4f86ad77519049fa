package ai.hanzo.node.storage;

import java.util.Locale;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;

/** Maps RocksDB's status codes onto {@link StorageErrorCode}s. */
final class RocksErrors {
  private RocksErrors() {}

  static StorageException translate(String what, RocksDBException e) {
    return new StorageException(codeOf(e), what + " failed: " + e.getMessage(), e);
  }

  private static StorageErrorCode codeOf(RocksDBException e) {
    Status status = e.getStatus();
    String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    if (status != null && status.getCode() == Status.Code.Corruption) {
      return StorageErrorCode.CORRUPT;
    }
    // After ENOSPC RocksDB refuses writes with the same IOError until it recovered ("Cannot clear hard error" when
    // less than its reserved disk buffer is free): all of it means a full disk.
    if (status != null && status.getSubCode() == Status.SubCode.NoSpace || message.contains("no space left")
        || message.contains("disk buffer")) {
      return StorageErrorCode.DISK_FULL;
    }
    if (message.contains("lock")) {
      return StorageErrorCode.LOCKED;
    }
    return StorageErrorCode.IO;
  }
}
