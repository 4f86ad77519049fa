package ai.hanzo.node.storage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/**
 * Writes bytes straight into a closed database, behind the stores' back, to stage corruption,
 * newer formats and foreign databases.
 */
final class RawRocks {
  private RawRocks() {}

  /** Puts one raw entry into {@code family}, creating the database and family if needed. */
  static void put(Path dbDir, String family, byte[] key, byte[] value) throws RocksDBException {
    RocksDB.loadLibrary();
    List<byte[]> names = new ArrayList<>();
    try (Options options = new Options()) {
      names.addAll(RocksDB.listColumnFamilies(options, dbDir.toString()));
    } catch (RocksDBException e) {
      // no database yet: it is created below
    }
    if (names.isEmpty()) {
      names.add(RocksDB.DEFAULT_COLUMN_FAMILY);
    }
    byte[] wanted = family.getBytes(StandardCharsets.UTF_8);
    if (names.stream().noneMatch(name -> Arrays.equals(name, wanted))) {
      names.add(wanted);
    }
    try (ColumnFamilyOptions cfOptions = new ColumnFamilyOptions();
        DBOptions options =
            new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true)) {
      List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
      names.forEach(name -> descriptors.add(new ColumnFamilyDescriptor(name, cfOptions)));
      List<ColumnFamilyHandle> handles = new ArrayList<>();
      RocksDB db = RocksDB.open(options, dbDir.toString(), descriptors, handles);
      try {
        for (int i = 0; i < names.size(); i++) {
          if (Arrays.equals(names.get(i), wanted)) {
            db.put(handles.get(i), key, value);
          }
        }
      } finally {
        handles.forEach(ColumnFamilyHandle::close);
        db.close();
      }
    }
  }

  /** Creates a database with empty column families (and {@code default}). */
  static void createEmpty(Path dbDir, String... families) throws RocksDBException {
    RocksDB.loadLibrary();
    try (ColumnFamilyOptions cfOptions = new ColumnFamilyOptions();
        DBOptions options =
            new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true)) {
      List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
      descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions));
      for (String family : families) {
        descriptors.add(
            new ColumnFamilyDescriptor(family.getBytes(StandardCharsets.UTF_8), cfOptions));
      }
      List<ColumnFamilyHandle> handles = new ArrayList<>();
      try (RocksDB db = RocksDB.open(options, dbDir.toString(), descriptors, handles)) {
        handles.forEach(ColumnFamilyHandle::close);
      }
    }
  }

  static void put(Path dbDir, String family, String key, byte[] value) throws RocksDBException {
    put(dbDir, family, key.getBytes(StandardCharsets.UTF_8), value);
  }
}
