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
    DBOptions dbOptions =
        new DBOptions()
            .setCreateIfMissing(true)
            .setCreateMissingColumnFamilies(true)
            .setLogger(logger)
            .setDbWriteBufferSize(WRITE_BUFFERS_BYTES)
            .setMaxTotalWalSize(WAL_BYTES);
    ColumnFamilyOptions cfOptions = new ColumnFamilyOptions();
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
