package ai.hanzo.node.storage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

/** The open RocksDB instance, its column family handles and the native options they need. */
final class RocksHandle {
  private static final long WRITE_BUFFERS_BYTES = 64L << 20;
  private static final long WAL_BYTES = 128L << 20;
  private static final long MIN_BUFFER_BYTES = 1L << 20;
  private static final long MAX_BUFFER_BYTES = 64L << 20;

  private final RocksDB db;
  private final Map<ColumnFamilyName, ColumnFamilyHandle> handles;
  private final WriteOptions durableWrites;
  private final WriteOptions relaxedWrites;
  private final List<AutoCloseable> nativeOptions;

  private RocksHandle(
      RocksDB db,
      Map<ColumnFamilyName, ColumnFamilyHandle> handles,
      WriteOptions durableWrites,
      WriteOptions relaxedWrites,
      List<AutoCloseable> nativeOptions) {
    this.db = db;
    this.handles = handles;
    this.durableWrites = durableWrites;
    this.relaxedWrites = relaxedWrites;
    this.nativeOptions = nativeOptions;
  }

  /** Opens (creating if needed) the database with every {@link ColumnFamilyName}. */
  static RocksHandle open(Path dbDir, boolean syncWrites) throws RocksDBException {
    RocksDB.loadLibrary();
    RocksLogBridge logger = new RocksLogBridge();
    long volume = volumeBytes(dbDir);
    DBOptions dbOptions =
        new DBOptions()
            .setCreateIfMissing(true)
            .setCreateMissingColumnFamilies(true)
            .setLogger(logger)
            .setDbWriteBufferSize(WRITE_BUFFERS_BYTES)
            .setMaxTotalWalSize(Math.min(WAL_BYTES, Math.max(MIN_BUFFER_BYTES, volume / 4)));
    // After a full disk RocksDB resumes writing only once its reserved disk buffer is free, and it reserves the
    // largest write buffer (64 MiB by default): more than a small volume ever frees. So memtables are sized to the
    // volume (1/16 of it, 1 to 64 MiB), and the node recovers from a full disk whatever the volume's size.
    ColumnFamilyOptions cfOptions = new ColumnFamilyOptions().setWriteBufferSize(writeBufferBytes(volume));
    WriteOptions durable = new WriteOptions().setSync(syncWrites);
    WriteOptions relaxed = new WriteOptions().setSync(false);
    List<AutoCloseable> nativeOptions = List.of(durable, relaxed, cfOptions, dbOptions, logger);

    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    for (ColumnFamilyName name : ColumnFamilyName.values()) {
      descriptors.add(new ColumnFamilyDescriptor(name.bytes(), cfOptions));
    }
    List<ColumnFamilyHandle> opened = new ArrayList<>();
    try {
      RocksDB db = RocksDB.open(dbOptions, dbDir.toString(), descriptors, opened);
      Map<ColumnFamilyName, ColumnFamilyHandle> handles = new EnumMap<>(ColumnFamilyName.class);
      for (int i = 0; i < opened.size(); i++) {
        handles.put(ColumnFamilyName.values()[i], opened.get(i));
      }
      return new RocksHandle(db, handles, durable, relaxed, nativeOptions);
    } catch (RocksDBException | RuntimeException e) {
      opened.forEach(ColumnFamilyHandle::close);
      closeAll(nativeOptions);
      throw e;
    }
  }

  /** The size of the volume holding {@code dbDir}; unknown sizes count as large. */
  static long volumeBytes(Path dbDir) {
    try {
      long total = java.nio.file.Files.getFileStore(dbDir).getTotalSpace();
      return total > 0 ? total : Long.MAX_VALUE;
    } catch (java.io.IOException e) {
      return Long.MAX_VALUE;
    }
  }

  static long writeBufferBytes(long volumeBytes) {
    return Math.min(MAX_BUFFER_BYTES, Math.max(MIN_BUFFER_BYTES, volumeBytes / 16));
  }

  /** Reads every SST file and checks its blocks' checksums. */
  void verifyChecksums() throws RocksDBException {
    db.verifyChecksum();
  }

  ColumnFamilyStore store(ColumnFamilyName name, boolean durable, DatabaseGuard guard) {
    return new ColumnFamilyStore(
        db, handles.get(name), name, durable ? durableWrites : relaxedWrites, guard);
  }

  /** Syncs the WAL (so unsynced writes survive a clean shutdown) and frees native memory. */
  void close() throws RocksDBException {
    try {
      db.syncWal();
    } finally {
      handles.values().forEach(ColumnFamilyHandle::close);
      try {
        db.closeE();
      } finally {
        closeAll(nativeOptions);
      }
    }
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception ignored) {
        // native option objects do not fail to close; nothing useful to do if one did
      }
    }
  }
}
