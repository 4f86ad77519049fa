package ai.hanzo.node.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * The on-disk format contract: the config column family holds an owner marker and the format
 * version. An existing directory is inspected read-only before anything opens it for writing, so
 * a directory that is refused is never modified.
 */
final class DatabaseFormat {
  static final int CURRENT_VERSION = 1;
  /** Config keys under this prefix belong to the format, not to {@link ConfigStore} users. */
  static final String RESERVED_PREFIX = "hanzo.storage.";

  static final byte[] OWNER_KEY = KeyCodec.text(RESERVED_PREFIX + "owner");
  static final byte[] VERSION_KEY = KeyCodec.text(RESERVED_PREFIX + "format-version");
  static final String OWNER = "hanzo-node";

  private DatabaseFormat() {}

  /**
   * Checks that {@code dbDir} is absent, empty, or a hanzo-node database this node can read.
   *
   * @return whether the database still needs its marker (new, or created but never marked)
   * @throws StorageException if the directory must not be opened
   */
  static boolean inspect(Path dbDir) {
    if (!Files.exists(dbDir)) {
      return true;
    }
    if (!Files.isDirectory(dbDir)) {
      throw refuse(dbDir, "is a file, not a database directory; move it away");
    }
    if (isEmptyDirectory(dbDir)) {
      return true;
    }
    if (!Files.isRegularFile(dbDir.resolve("CURRENT"))) {
      throw refuse(dbDir, "is not empty and holds no RocksDB database");
    }
    try {
      return probe(dbDir);
    } catch (RocksDBException e) {
      throw RocksErrors.translate("inspecting the database in " + dbDir, e);
    }
  }

  /** Writes the marker and the current version in one synced batch. */
  static void mark(ColumnFamilyStore config) {
    config.write(
        "marking the database as hanzo-node's",
        batch -> {
          batch.put(OWNER_KEY, KeyCodec.text(OWNER));
          batch.put(VERSION_KEY, KeyCodec.text(Integer.toString(CURRENT_VERSION)));
        });
  }

  private static boolean probe(Path dbDir) throws RocksDBException {
    RocksDB.loadLibrary();
    List<byte[]> names;
    try (Options options = new Options()) {
      names = RocksDB.listColumnFamilies(options, dbDir.toString());
    }
    try (RocksLogBridge logger = new RocksLogBridge();
        DBOptions dbOptions = new DBOptions().setLogger(logger);
        ColumnFamilyOptions cfOptions = new ColumnFamilyOptions()) {
      List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
      names.forEach(name -> descriptors.add(new ColumnFamilyDescriptor(name, cfOptions)));
      List<ColumnFamilyHandle> handles = new ArrayList<>();
      RocksDB db = RocksDB.openReadOnly(dbOptions, dbDir.toString(), descriptors, handles);
      try {
        return needsMarker(dbDir, db, names, handles);
      } finally {
        // handles before the database, as RocksJava requires
        handles.forEach(ColumnFamilyHandle::close);
        db.close();
      }
    }
  }

  private static boolean needsMarker(
      Path dbDir, RocksDB db, List<byte[]> names, List<ColumnFamilyHandle> handles)
      throws RocksDBException {
    List<String> foreign = new ArrayList<>();
    ColumnFamilyHandle config = null;
    for (int i = 0; i < names.size(); i++) {
      Optional<ColumnFamilyName> known = ColumnFamilyName.fromBytes(names.get(i));
      if (known.isEmpty()) {
        foreign.add(new String(names.get(i), StandardCharsets.UTF_8));
      } else if (known.get() == ColumnFamilyName.CONFIG) {
        config = handles.get(i);
      }
    }
    byte[] owner = config == null ? null : db.get(config, OWNER_KEY);
    if (owner != null) {
      checkVersion(dbDir, owner, db.get(config, VERSION_KEY));
      return false;
    }
    if (!foreign.isEmpty()) {
      throw refuse(dbDir, "has column families " + foreign + " that hanzo-node does not use");
    }
    if (anyData(db, handles)) {
      throw refuse(dbDir, "holds data but no hanzo-node format marker");
    }
    return true;
  }

  private static void checkVersion(Path dbDir, byte[] owner, byte[] version) {
    if (!OWNER.equals(new String(owner, StandardCharsets.UTF_8))) {
      throw refuse(dbDir, "is owned by '" + new String(owner, StandardCharsets.UTF_8) + "'");
    }
    int found = parseVersion(dbDir, version);
    if (found > CURRENT_VERSION) {
      throw new StorageException(
          StorageErrorCode.FORMAT_TOO_NEW,
          "the database in " + dbDir + " has storage format " + found
              + " but this hanzo-node reads formats up to " + CURRENT_VERSION
              + "; run a newer hanzo-node or choose another data directory");
    }
  }

  private static int parseVersion(Path dbDir, byte[] version) {
    String text = version == null ? "" : new String(version, StandardCharsets.UTF_8);
    try {
      int parsed = Integer.parseInt(text);
      if (parsed >= 1) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below with the raw text
    }
    throw new StorageException(
        StorageErrorCode.CORRUPT,
        "the database in " + dbDir + " has an unreadable storage format version '" + text + "'");
  }

  private static boolean anyData(RocksDB db, List<ColumnFamilyHandle> handles) {
    for (ColumnFamilyHandle handle : handles) {
      try (RocksIterator iterator = db.newIterator(handle)) {
        iterator.seekToFirst();
        if (iterator.isValid()) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isEmptyDirectory(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      throw new StorageException(StorageErrorCode.IO, "cannot list " + dir + ": " + e, e);
    }
  }

  private static StorageException refuse(Path dbDir, String why) {
    return new StorageException(
        StorageErrorCode.NOT_A_HANZO_DB,
        dbDir + " " + why + "; hanzo-node will not touch it — choose another data directory");
  }
}
